package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the store splits a checkpoint into its header and messages and joins them back. */
class JobStoreCheckpointJsonTest {
  static final ProtocolCodec CODEC = ProtocolCodec.create();
  final CheckpointJson json = new CheckpointJson(CODEC);

  @Test
  void theHeaderIsThePerstackJsonWithoutMessages() {
    Checkpoint full = Samples.fullCheckpoint("job-1");
    ObjectNode expected = (ObjectNode) CODEC.toTree(full);
    expected.remove("messages");

    assertThat(json.header(full)).isEqualTo(expected.toString()).doesNotContain("\"messages\"");
  }

  @Test
  void headerAndMessagesJoinBackIntoTheCheckpoint() {
    Checkpoint full = Samples.fullCheckpoint("job-1");
    List<String> messages = full.messages().stream().map(CODEC::encode).toList();

    Checkpoint joined = json.assemble(json.header(full), messages);

    assertThat(joined).isEqualTo(full);
    assertThat(CODEC.encode(joined)).isEqualTo(CODEC.encode(full));
  }

  @Test
  void aCheckpointWithoutMessagesJoinsBackToo() {
    Checkpoint empty = CheckpointJson.withMessages(Samples.fullCheckpoint("job-1"), List.of());

    assertThat(json.assemble(json.header(empty), List.of())).isEqualTo(empty);
  }
}

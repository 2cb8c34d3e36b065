package dev.perstack.controlplane.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import java.util.List;

/**
 * Splits a checkpoint into its JSON without messages and joins the two back, in Perstack's shape.
 */
final class CheckpointJson {
  private static final String MESSAGES = "messages";

  private final ProtocolCodec codec;

  CheckpointJson(ProtocolCodec codec) {
    this.codec = codec;
  }

  /** The checkpoint's JSON without {@code messages}: what is stored once per checkpoint. */
  String header(Checkpoint checkpoint) {
    JsonNode tree = codec.toTree(checkpoint);
    ((ObjectNode) tree).remove(MESSAGES);
    return tree.toString();
  }

  /** The checkpoint from its header and the JSON of its messages, in order. */
  Checkpoint assemble(String header, List<String> messages) {
    int size = header.length() + 16;
    for (String message : messages) {
      size += message.length() + 1;
    }
    // A header always has fields (id, jobId, ...), so the messages go in after a comma.
    StringBuilder json = new StringBuilder(size);
    json.append(header, 0, header.lastIndexOf('}')).append(",\"").append(MESSAGES).append("\":[");
    for (int i = 0; i < messages.size(); i++) {
      json.append(i == 0 ? "" : ",").append(messages.get(i));
    }
    json.append("]}");
    try {
      return codec.decode(json.toString(), Checkpoint.class);
    } catch (ProtocolException e) {
      throw new JobStoreException("a stored checkpoint no longer decodes: " + e.getMessage(), e);
    }
  }
}

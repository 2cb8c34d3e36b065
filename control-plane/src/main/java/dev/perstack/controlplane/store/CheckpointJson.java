package dev.perstack.controlplane.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.message.Message;
import java.util.List;

/**
 * Splits a checkpoint into its JSON without messages and joins the two back, in Perstack's shape.
 */
final class CheckpointJson {
  private static final String MESSAGES = "messages";
  private static final String EMPTY = ",\"" + MESSAGES + "\":[]";

  private final ProtocolCodec codec;

  CheckpointJson(ProtocolCodec codec) {
    this.codec = codec;
  }

  /** The checkpoint's JSON without {@code messages}: what is stored once per checkpoint. */
  String header(Checkpoint checkpoint) {
    // Encoding it without its messages costs a fraction of encoding them; the empty array then
    // comes right after stepNumber, before any field that holds free-form JSON.
    String json = codec.encode(withMessages(checkpoint, List.of()));
    int at = json.indexOf(EMPTY);
    int expert = json.indexOf("\"expert\":");
    if (at > 0 && at < expert) {
      return json.substring(0, at) + json.substring(at + EMPTY.length());
    }
    JsonNode tree = codec.toTree(checkpoint);
    ((ObjectNode) tree).remove(MESSAGES);
    return tree.toString();
  }

  /** {@code checkpoint} with other messages. */
  static Checkpoint withMessages(Checkpoint c, List<Message> messages) {
    return new Checkpoint(
        c.id(),
        c.jobId(),
        c.runId(),
        c.status(),
        c.stepNumber(),
        messages,
        c.expert(),
        c.delegateTo(),
        c.delegatedBy(),
        c.usage(),
        c.contextWindow(),
        c.contextWindowUsage(),
        c.pendingToolCalls(),
        c.partialToolResults(),
        c.metadata(),
        c.error(),
        c.retryCount());
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

package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.Message;
import java.util.List;

/**
 * The loop is about to ask the model to generate.
 *
 * @param messages the conversation sent to the model
 */
public record StartGeneration(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    List<Message> messages)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "startGeneration";

  public StartGeneration {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    messages = Require.list(messages, "messages");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.InputMessage;
import java.util.List;

/**
 * One tool call finished and its result joined the conversation.
 *
 * @param newMessages user or tool messages
 */
public record FinishToolCall(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    List<InputMessage> newMessages)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "finishToolCall";

  public FinishToolCall {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    newMessages = Require.list(newMessages, "newMessages");
    EventFields.refuseInstructions(newMessages, "newMessages");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

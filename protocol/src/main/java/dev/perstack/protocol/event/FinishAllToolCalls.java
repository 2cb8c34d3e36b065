package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.InputMessage;
import java.util.List;

/**
 * Every tool call of the step finished.
 *
 * @param newMessages user or tool messages
 */
public record FinishAllToolCalls(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    List<InputMessage> newMessages)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "finishAllToolCalls";

  public FinishAllToolCalls {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    newMessages = Require.list(newMessages, "newMessages");
    EventFields.refuseInstructions(newMessages, "newMessages");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

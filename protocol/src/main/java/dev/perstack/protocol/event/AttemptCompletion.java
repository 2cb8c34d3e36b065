package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.ToolResult;

/**
 * The model called {@code attemptCompletion}.
 *
 * @param toolResult the open todos, or nothing when the run may complete
 */
public record AttemptCompletion(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    ToolResult toolResult)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "attemptCompletion";

  public AttemptCompletion {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(toolResult, "toolResult");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

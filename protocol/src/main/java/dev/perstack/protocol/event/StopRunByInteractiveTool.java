package dev.perstack.protocol.event;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.internal.Require;

/**
 * The run stopped until a person answers an interactive tool call.
 *
 * @param checkpoint the checkpoint at the end of the step
 */
public record StopRunByInteractiveTool(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    Checkpoint checkpoint,
    Step step)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "stopRunByInteractiveTool";

  public StopRunByInteractiveTool {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(checkpoint, "checkpoint");
    Require.present(step, "step");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

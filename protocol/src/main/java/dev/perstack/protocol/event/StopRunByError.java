package dev.perstack.protocol.event;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.internal.Require;

/**
 * The run stopped because of an error.
 *
 * @param checkpoint the checkpoint at the end of the step
 */
public record StopRunByError(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    Checkpoint checkpoint,
    Step step,
    RunError error)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "stopRunByError";

  public StopRunByError {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(checkpoint, "checkpoint");
    Require.present(step, "step");
    Require.present(error, "error");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.internal.Require;

/**
 * A step ended and the run goes on.
 *
 * @param checkpoint the checkpoint at the end of the step
 * @param nextCheckpoint the checkpoint the next step starts from
 */
public record ContinueToNextStep(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    Checkpoint checkpoint,
    Step step,
    Checkpoint nextCheckpoint)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "continueToNextStep";

  public ContinueToNextStep {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(checkpoint, "checkpoint");
    Require.present(step, "step");
    Require.present(nextCheckpoint, "nextCheckpoint");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

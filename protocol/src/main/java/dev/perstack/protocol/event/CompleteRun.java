package dev.perstack.protocol.event;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.Usage;

/**
 * The run finished with a result.
 *
 * @param checkpoint the checkpoint at the end of the step
 * @param text the run's result
 */
public record CompleteRun(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    Checkpoint checkpoint,
    Step step,
    String text,
    Usage usage)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "completeRun";

  public CompleteRun {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(checkpoint, "checkpoint");
    Require.present(step, "step");
    Require.present(text, "text");
    Require.present(usage, "usage");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;

/**
 * The model finished streaming the run's result.
 *
 * @param text the whole result
 */
public record CompleteStreamingRunResult(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    String text)
    implements StreamingEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "completeStreamingRunResult";

  public CompleteStreamingRunResult {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(text, "text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

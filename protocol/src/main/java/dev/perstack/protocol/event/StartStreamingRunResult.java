package dev.perstack.protocol.event;

/** The model started streaming the run's result. */
public record StartStreamingRunResult(
    String id, String expertKey, long timestamp, String jobId, String runId, int stepNumber)
    implements StreamingEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "startStreamingRunResult";

  public StartStreamingRunResult {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

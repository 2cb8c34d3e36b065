package dev.perstack.protocol.event;

/** The model started streaming its reasoning. */
public record StartStreamingReasoning(
    String id, String expertKey, long timestamp, String jobId, String runId, int stepNumber)
    implements StreamingEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "startStreamingReasoning";

  public StartStreamingReasoning {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;

/**
 * The model finished streaming its reasoning.
 *
 * @param text the whole reasoning
 */
public record CompleteStreamingReasoning(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    String text)
    implements StreamingEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "completeStreamingReasoning";

  public CompleteStreamingReasoning {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(text, "text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;

/** A piece of streamed reasoning. */
public record StreamReasoning(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    String delta)
    implements StreamingEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "streamReasoning";

  public StreamReasoning {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(delta, "delta");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

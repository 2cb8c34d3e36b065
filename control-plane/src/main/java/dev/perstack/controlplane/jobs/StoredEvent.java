package dev.perstack.controlplane.jobs;

import java.util.Objects;

/**
 * An event as stored: its place in the job's log and its JSON, exactly as Perstack prints it.
 *
 * @param sequence 1-based, gap-free within a job
 * @param eventJson the JSON, possibly built only when first read; {@link #json()} reads it
 */
public record StoredEvent(
    String jobId, long sequence, String type, long timestamp, EventJson eventJson) {
  public StoredEvent {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(eventJson, "eventJson");
    if (sequence < 1) {
      throw new IllegalArgumentException("event sequence numbers start at 1, got " + sequence);
    }
  }

  /** An event whose JSON is already built. */
  public StoredEvent(String jobId, long sequence, String type, long timestamp, String json) {
    this(jobId, sequence, type, timestamp, EventJson.of(json));
  }

  /** The event's JSON, exactly as Perstack prints it. */
  public String json() {
    return eventJson.text();
  }
}

package dev.perstack.controlplane.jobs;

import java.util.Objects;

/**
 * An event as stored: its place in the job's log and its JSON, exactly as Perstack prints it.
 *
 * @param sequence 1-based, gap-free within a job
 */
public record StoredEvent(String jobId, long sequence, String type, long timestamp, String json) {
  public StoredEvent {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(json, "json");
    if (sequence < 1) {
      throw new IllegalArgumentException("event sequence numbers start at 1, got " + sequence);
    }
  }
}

package dev.perstack.controlplane.jobs;

import java.util.Objects;
import java.util.Optional;

/** Filters and paging for job lists, newest first. */
public record JobQuery(
    Optional<JobState> state, Optional<String> expertKey, int limit, int offset) {
  public static final int MAX_LIMIT = 500;

  public JobQuery {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(expertKey, "expertKey");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, got " + offset);
    }
  }

  public static JobQuery all() {
    return new JobQuery(Optional.empty(), Optional.empty(), 50, 0);
  }
}

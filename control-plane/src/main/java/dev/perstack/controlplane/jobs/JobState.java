package dev.perstack.controlplane.jobs;

import java.util.Arrays;
import java.util.Optional;

/** A job's status, with Perstack's names. */
public enum JobState {
  RUNNING("running"),
  COMPLETED("completed"),
  STOPPED_BY_MAX_STEPS("stoppedByMaxSteps"),
  STOPPED_BY_INTERACTIVE_TOOL("stoppedByInteractiveTool"),
  STOPPED_BY_ERROR("stoppedByError");

  private final String wireName;

  JobState(String wireName) {
    this.wireName = wireName;
  }

  /** The status as Perstack and the API name it. */
  public String wireName() {
    return wireName;
  }

  public boolean finished() {
    return this != RUNNING;
  }

  public static Optional<JobState> fromWireName(String name) {
    return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
  }
}

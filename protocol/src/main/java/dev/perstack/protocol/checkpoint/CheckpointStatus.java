package dev.perstack.protocol.checkpoint;

/** Where a run stands at a checkpoint; {@link #toString()} is the name on the wire. */
public enum CheckpointStatus {
  INIT("init"),
  PROCEEDING("proceeding"),
  COMPLETED("completed"),
  STOPPED_BY_INTERACTIVE_TOOL("stoppedByInteractiveTool"),
  STOPPED_BY_DELEGATE("stoppedByDelegate"),
  STOPPED_BY_EXCEEDED_MAX_STEPS("stoppedByExceededMaxSteps"),
  STOPPED_BY_ERROR("stoppedByError");

  private final String wireName;

  CheckpointStatus(String wireName) {
    this.wireName = wireName;
  }

  /** Whether the run has stopped, for good or until someone resumes it. */
  public boolean isStopped() {
    return this != INIT && this != PROCEEDING;
  }

  @Override
  public String toString() {
    return wireName;
  }
}

package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Checkpoint;
import java.util.Optional;

/**
 * How a job ended, with the job statuses of the reference.
 *
 * @param checkpoint the last checkpoint of the run that ended the job
 * @param text the final text, when the job completed
 */
public record JobOutcome(Status status, Checkpoint checkpoint, Optional<String> text) {

  /** The reference's job statuses, less {@code running}. */
  public enum Status {
    COMPLETED("completed", 0),
    STOPPED_BY_MAX_STEPS("stoppedByMaxSteps", 3),
    STOPPED_BY_INTERACTIVE_TOOL("stoppedByInteractiveTool", 4),
    STOPPED_BY_ERROR("stoppedByError", 1);

    private final String wireName;
    private final int exitCode;

    Status(String wireName, int exitCode) {
      this.wireName = wireName;
      this.exitCode = exitCode;
    }

    /** The status as Perstack names it. */
    public String wireName() {
      return wireName;
    }

    /** The agent process's exit code for a job that ended this way. */
    public int exitCode() {
      return exitCode;
    }
  }

  static JobOutcome of(Checkpoint checkpoint, Optional<String> text) {
    Status status =
        switch (checkpoint.status()) {
          case COMPLETED -> Status.COMPLETED;
          case STOPPED_BY_EXCEEDED_MAX_STEPS -> Status.STOPPED_BY_MAX_STEPS;
          case STOPPED_BY_INTERACTIVE_TOOL -> Status.STOPPED_BY_INTERACTIVE_TOOL;
          default -> Status.STOPPED_BY_ERROR;
        };
    return new JobOutcome(status, checkpoint, text);
  }
}

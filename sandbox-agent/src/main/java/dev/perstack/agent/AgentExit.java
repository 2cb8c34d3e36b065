package dev.perstack.agent;

/** The agent process's exit codes: how the job ended, or why it could not run. */
public enum AgentExit {
  /** The job completed. */
  COMPLETED(0),
  /** The job stopped by an error (a model error past its retries, a skill that failed). */
  STOPPED_BY_ERROR(1),
  /** The environment lacks the socket address or the job token. */
  MISCONFIGURED(2),
  /** The job used up {@code maxSteps}. */
  STOPPED_BY_MAX_STEPS(3),
  /** The job waits for a person to answer an interactive tool. */
  STOPPED_BY_INTERACTIVE_TOOL(4),
  /** The control plane could not be reached or refused the job token. */
  NOT_ADMITTED(10),
  /** The connection broke or a frame broke the protocol. */
  CONNECTION_LOST(11),
  /** The control plane cancelled the job. */
  CANCELLED(12);

  private final int code;

  AgentExit(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}

package dev.perstack.cli;

/** The process exit codes of every {@code perstack} command. */
public final class ExitCodes {
  /** The command did what was asked (a file is valid, a job completed). */
  public static final int OK = 0;

  /** The input is invalid, or the job did not complete. */
  public static final int FAILED = 1;

  /** The command line itself is wrong: unknown option, missing argument. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}

package dev.perstack.agent.base;

import java.time.Duration;

/**
 * The base skill's caps on time and size.
 *
 * @param execTimeoutDefault how long {@code exec} lets a command run when the call names no timeout
 * @param execTimeoutMax the longest timeout a call may ask for
 * @param execOutputBytes how much of each of stdout and stderr {@code exec} keeps
 * @param maxTextReadBytes the largest file {@code readTextFile} and {@code editTextFile} read
 * @param maxImageBytes the largest file {@code readImageFile} returns
 * @param maxPdfBytes the largest file {@code readPdfFile} returns
 * @param maxWriteBytes the most text one write, append or edit may put in a file
 */
public record BaseSkillLimits(
    Duration execTimeoutDefault,
    Duration execTimeoutMax,
    int execOutputBytes,
    long maxTextReadBytes,
    long maxImageBytes,
    long maxPdfBytes,
    long maxWriteBytes) {

  private static final long MB = 1024 * 1024;

  public BaseSkillLimits {
    if (execTimeoutDefault.isNegative()
        || execTimeoutDefault.isZero()
        || execTimeoutMax.compareTo(execTimeoutDefault) < 0) {
      throw new IllegalArgumentException(
          "exec timeouts must be positive with the default at most the maximum");
    }
    if (execOutputBytes < 1
        || maxTextReadBytes < 1
        || maxImageBytes < 1
        || maxPdfBytes < 1
        || maxWriteBytes < 1) {
      throw new IllegalArgumentException("size limits must be positive");
    }
  }

  /** The original's limits (60 s exec timeout, 15 MB images, 30 MB PDFs) and our own caps. */
  public static BaseSkillLimits defaults() {
    return new BaseSkillLimits(
        Duration.ofSeconds(60),
        Duration.ofMinutes(10),
        100 * 1024,
        10 * MB,
        15 * MB,
        30 * MB,
        10 * MB);
  }
}

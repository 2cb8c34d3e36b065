package dev.perstack.image;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when an image cannot be built; says what failed, where (the command or file), how to fix
 * it, and carries the last lines of the failing command's output.
 */
public final class ImageBuildException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final String where;
  private final String fix;
  private final transient List<String> outputTail;

  /**
   * Creates the exception.
   *
   * @param what what failed, in one sentence
   * @param where the command line or file involved; {@code null} when there is none
   * @param fix how the user can make it work
   * @param outputTail the last lines the failing command printed (may be empty)
   * @param cause the low-level failure, or {@code null}
   */
  public ImageBuildException(
      String what, String where, String fix, List<String> outputTail, Throwable cause) {
    super(format(what, where, fix, outputTail), cause);
    this.what = Objects.requireNonNull(what, "what");
    this.where = where;
    this.fix = Objects.requireNonNull(fix, "fix");
    this.outputTail = List.copyOf(outputTail);
  }

  /** Creates the exception for a failure that printed nothing. */
  public ImageBuildException(String what, String where, String fix, Throwable cause) {
    this(what, where, fix, List.of(), cause);
  }

  /** What failed. */
  public String what() {
    return what;
  }

  /** The command line or file involved, when there is one. */
  public Optional<String> where() {
    return Optional.ofNullable(where);
  }

  /** How to fix it. */
  public String fix() {
    return fix;
  }

  /** The last lines of the failing command's output, oldest first. */
  public List<String> outputTail() {
    return outputTail;
  }

  private static String format(String what, String where, String fix, List<String> tail) {
    StringBuilder s = new StringBuilder(what);
    if (where != null) {
      s.append(" (at ").append(where).append(')');
    }
    s.append(". Fix: ").append(fix);
    if (!tail.isEmpty()) {
      s.append(System.lineSeparator()).append("Last lines of its output:");
      tail.forEach(line -> s.append(System.lineSeparator()).append("  ").append(line));
    }
    return s.toString();
  }
}

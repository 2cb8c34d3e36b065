package dev.perstack.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * Thrown when bytes, JSON or a frame sequence break the protocol; says what was wrong, where, and
 * how to fix it.
 */
public final class ProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ProtocolErrorCode code;
  private final String what;
  private final String where;
  private final String fix;

  /**
   * Creates the exception.
   *
   * @param code the rule that was broken
   * @param what what was wrong, in one sentence
   * @param where a JSON path, frame number or byte offset; {@code null} when there is none
   * @param fix how the sender can avoid it
   */
  public ProtocolException(ProtocolErrorCode code, String what, String where, String fix) {
    this(code, what, where, fix, null);
  }

  /** Creates the exception with the low-level failure that revealed it. */
  public ProtocolException(
      ProtocolErrorCode code, String what, String where, String fix, Throwable cause) {
    super(format(code, what, where, fix), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.what = Objects.requireNonNull(what, "what");
    this.where = where;
    this.fix = Objects.requireNonNull(fix, "fix");
  }

  /** The broken rule. */
  public ProtocolErrorCode code() {
    return code;
  }

  /** What was wrong. */
  public String what() {
    return what;
  }

  /** Where it was wrong, when known. */
  public Optional<String> where() {
    return Optional.ofNullable(where);
  }

  /** How to fix it. */
  public String fix() {
    return fix;
  }

  private static String format(ProtocolErrorCode code, String what, String where, String fix) {
    String at = where == null ? "" : " (at " + where + ")";
    return code + ": " + what + at + ". Fix: " + fix;
  }
}

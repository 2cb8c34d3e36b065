package dev.perstack.controlplane.orchestration;

import dev.perstack.lockfile.config.ConfigProblem;
import java.util.List;

/**
 * A job was refused before anything started: nothing was stored or changed. Carries every reason,
 * each saying what is wrong and how to fix it.
 */
public final class JobRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why: the definitions are invalid, or the request does not fit what is stored. */
  public enum Kind {
    INVALID_DEFINITIONS,
    MISSING_ENVIRONMENT,
    UNKNOWN_RUNTIME,
    NOT_FOUND,
    CONFLICT,
    STORE_UNAVAILABLE,
    /** The lock is missing (and required), unreadable, stale, or its image is gone. */
    LOCK_REFUSED
  }

  private final Kind kind;
  private final transient List<String> reasons;
  private final transient List<ConfigProblem> problems;

  public JobRejectedException(Kind kind, List<String> reasons, List<ConfigProblem> problems) {
    super(String.join("\n", reasons));
    this.kind = kind;
    this.reasons = List.copyOf(reasons);
    this.problems = List.copyOf(problems);
  }

  public JobRejectedException(Kind kind, String reason) {
    this(kind, List.of(reason), List.of());
  }

  public Kind kind() {
    return kind;
  }

  public List<String> reasons() {
    return reasons;
  }

  /** The definition problems, with positions, when {@link #kind()} is INVALID_DEFINITIONS. */
  public List<ConfigProblem> problems() {
    return problems;
  }
}

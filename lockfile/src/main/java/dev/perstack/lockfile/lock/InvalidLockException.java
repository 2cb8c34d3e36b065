package dev.perstack.lockfile.lock;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a {@code perstack.lock} cannot be used; carries every problem found in one pass. */
public final class InvalidLockException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<LockProblem> problems;

  public InvalidLockException(List<LockProblem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid lock needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, in file order. */
  public List<LockProblem> problems() {
    return problems;
  }

  private static String summary(List<LockProblem> problems) {
    return problems.stream()
        .map(LockProblem::format)
        .collect(Collectors.joining(System.lineSeparator()));
  }
}

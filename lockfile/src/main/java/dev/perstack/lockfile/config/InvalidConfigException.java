package dev.perstack.lockfile.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a {@code perstack.toml} cannot be used; carries every problem found in one pass. */
public final class InvalidConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<ConfigProblem> problems;

  public InvalidConfigException(List<ConfigProblem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("an invalid configuration needs at least one problem");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem, errors and warnings, in file order. */
  public List<ConfigProblem> problems() {
    return problems;
  }

  /** Only the problems that made the load fail. */
  public List<ConfigProblem> errors() {
    return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
  }

  private static String summary(List<ConfigProblem> problems) {
    return problems.stream()
        .filter(p -> p.severity() == Severity.ERROR)
        .map(ConfigProblem::format)
        .collect(Collectors.joining(System.lineSeparator()));
  }
}

package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.ConfigProblem;
import dev.perstack.lockfile.config.Severity;
import dev.perstack.lockfile.config.SourcePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one load so that all of them are reported in a single pass. */
public final class Problems {
  private final String file;
  private final List<ConfigProblem> found = new ArrayList<>();

  public Problems(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  public void error(SourcePosition at, String field, String expertKey, String what, String fix) {
    found.add(new ConfigProblem(file, at, Severity.ERROR, field, expertKey, what, fix));
  }

  public void warning(SourcePosition at, String field, String expertKey, String what, String fix) {
    found.add(new ConfigProblem(file, at, Severity.WARNING, field, expertKey, what, fix));
  }

  /** Whether an error was recorded since {@code mark}. */
  public boolean hasErrorsSince(int mark) {
    return found.subList(mark, found.size()).stream().anyMatch(p -> p.severity() == Severity.ERROR);
  }

  /** A mark to pass to {@link #hasErrorsSince}. */
  public int mark() {
    return found.size();
  }

  /** Everything found, in file order. */
  public List<ConfigProblem> inFileOrder() {
    List<ConfigProblem> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt((ConfigProblem p) -> p.position().line())
            .thenComparingInt(p -> p.position().column()));
    return sorted;
  }
}

package dev.perstack.lockfile.lock.internal;

import dev.perstack.lockfile.config.SourcePosition;
import dev.perstack.lockfile.lock.LockProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one lock read so that all of them are reported in a single pass. */
final class LockProblems {
  /** The fix for almost everything: the lock is written by a program, not by people. */
  static final String REINSTALL = "run `perstack install` to write perstack.lock again";

  private final String file;
  private final List<LockProblem> found = new ArrayList<>();

  LockProblems(String file) {
    this.file = file;
  }

  void add(SourcePosition at, String field, String what, String fix) {
    found.add(new LockProblem(file, at, field, what, fix));
  }

  /** A mark to pass to {@link #since}. */
  int mark() {
    return found.size();
  }

  /** Whether a problem was recorded since {@code mark}. */
  boolean since(int mark) {
    return found.size() > mark;
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** Everything found, in file order (stable for problems at the same place). */
  List<LockProblem> inFileOrder() {
    List<LockProblem> sorted = new ArrayList<>(found);
    sorted.sort(
        Comparator.comparingInt((LockProblem p) -> p.position().line())
            .thenComparingInt(p -> p.position().column()));
    return sorted;
  }
}

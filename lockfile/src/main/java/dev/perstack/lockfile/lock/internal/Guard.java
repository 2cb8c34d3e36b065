package dev.perstack.lockfile.lock.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds a record from values the reader has checked. The records check again; should they refuse
 * something the reader let through, that becomes a problem at the table instead of an exception.
 */
final class Guard {
  private Guard() {}

  static <T> Optional<T> build(LockTable table, Supplier<T> build) {
    try {
      return Optional.of(build.get());
    } catch (IllegalArgumentException e) {
      table.tableError(
          "`"
              + (table.path().isEmpty() ? "the lock" : table.path())
              + "` is inconsistent: "
              + e.getMessage(),
          LockProblems.REINSTALL);
      return Optional.empty();
    }
  }
}

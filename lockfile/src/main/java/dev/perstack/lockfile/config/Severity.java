package dev.perstack.lockfile.config;

/** How bad a {@link ConfigProblem} is: errors stop a load, warnings do not unless strict. */
public enum Severity {
  ERROR,
  WARNING;

  /** The lower-case word used in reports ({@code error} or {@code warning}). */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

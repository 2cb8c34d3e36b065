package dev.perstack.controlplane.lock;

import java.util.List;

/**
 * A job's lock cannot be used (missing when required, unreadable, stale, or its image is gone);
 * every reason says what and how to fix it. Thrown before any sandbox starts.
 */
public final class LockRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<String> reasons;

  public LockRefusedException(List<String> reasons) {
    super(String.join("\n", reasons));
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("a refused lock needs a reason");
    }
    this.reasons = List.copyOf(reasons);
  }

  public List<String> reasons() {
    return reasons;
  }
}

package dev.perstack.lockfile.lock;

import java.util.Objects;

/**
 * One reason a lock does not match the {@code perstack.toml} it is used with.
 *
 * @param expertKey the expert concerned, or {@code null} when the reason concerns the whole lock
 * @param reason what differs, one clause without a final period
 */
public record StaleLock(String expertKey, String reason) {

  /**
   * The reason {@link LockCheck} gives for every version 1 lock; callers that tolerate the
   * original's locks remove this one and keep the rest.
   */
  public static final StaleLock VERSION_1 =
      new StaleLock(
          null,
          "it is a version 1 lock from the original Perstack, which records no definition digests"
              + " and pins no packages, image or model, so nothing proves it matches perstack.toml");

  public StaleLock {
    Objects.requireNonNull(reason, "reason");
  }

  /** The sentence shown to people: that the lock is stale, why, and how to update it. */
  public String message() {
    return "perstack.lock is stale: "
        + reason
        + "; run `perstack install` to update perstack.lock.";
  }
}

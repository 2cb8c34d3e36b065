package dev.perstack.agent.mcp;

import dev.perstack.agent.skill.SkillException;
import java.util.Optional;

/**
 * A connection a skill opens on first use and keeps: concurrent first uses start it once, a failed
 * start is remembered (the model was already given the skill's tools, so every later call fails the
 * same way instead of starting the server again), and nothing starts after {@link #close()}.
 */
final class StartOnce<T> {
  /** Opens the connection; runs at most once, under this object's lock. */
  @FunctionalInterface
  interface Starter<T> {
    T start() throws SkillException;
  }

  private final String skillName;
  private final Object lock = new Object();
  private volatile T started;
  private volatile boolean closed;
  private SkillException failure;

  StartOnce(String skillName) {
    this.skillName = skillName;
  }

  /** The started connection, starting it with {@code starter} on the first call. */
  T get(Starter<T> starter) throws SkillException {
    T current = started;
    if (current != null) {
      return current;
    }
    synchronized (lock) {
      if (closed) {
        throw new SkillException(skillName, "is closed");
      }
      if (started != null) {
        return started;
      }
      if (failure != null) {
        throw failure;
      }
      try {
        started = starter.start();
        return started;
      } catch (SkillException e) {
        failure = e;
        throw e;
      }
    }
  }

  /** The connection, if it is started and not closed; never starts it. */
  Optional<T> current() {
    return Optional.ofNullable(started);
  }

  /** Whether {@link #close()} was called (a start in progress checks this to give up early). */
  boolean isClosed() {
    return closed;
  }

  /**
   * Refuses every later start at once, without waiting for a start in progress (which sees {@link
   * #isClosed()} and can give up early).
   */
  void refuseStarts() {
    closed = true;
  }

  /**
   * Refuses every later start and hands back the connection to close, if one was started. Waits for
   * a start in progress to end first, so that its connection is not leaked.
   */
  Optional<T> close() {
    closed = true;
    synchronized (lock) {
      T current = started;
      started = null;
      return Optional.ofNullable(current);
    }
  }
}

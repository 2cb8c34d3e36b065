package dev.perstack.lockfile.config;

import java.util.Locale;

/** How much native reasoning a model may do: a named level or a token count. */
public sealed interface ReasoningBudget {

  /** The default when a file says nothing. */
  ReasoningBudget DEFAULT = new Level(LevelName.LOW);

  /** Whether reasoning is switched off ({@code "none"} or {@code 0}). */
  boolean disabled();

  /** The named levels of the reference, in increasing order. */
  enum LevelName {
    NONE,
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH;

    /** The word used in {@code perstack.toml}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A named level such as {@code "low"}. */
  record Level(LevelName name) implements ReasoningBudget {
    public Level {
      java.util.Objects.requireNonNull(name, "name");
    }

    @Override
    public boolean disabled() {
      return name == LevelName.NONE;
    }
  }

  /** An explicit token budget; {@code 0} disables reasoning. */
  record Tokens(long count) implements ReasoningBudget {
    public Tokens {
      if (count < 0) {
        throw new IllegalArgumentException("a reasoning budget cannot be negative: " + count);
      }
    }

    @Override
    public boolean disabled() {
      return count == 0;
    }
  }
}

package dev.perstack.protocol.generation;

import java.util.Locale;
import java.util.Objects;

/**
 * How much native reasoning a model may do: a named level (a JSON string) or a token count (a JSON
 * number), as in {@code perstack.toml}.
 */
public sealed interface ReasoningBudget {

  /** Perstack's default, {@code "low"}. */
  ReasoningBudget DEFAULT = new Level(LevelName.LOW);

  /** Whether reasoning is switched off ({@code "none"} or {@code 0}). */
  boolean disabled();

  /** The named levels, in increasing order. */
  enum LevelName {
    NONE,
    MINIMAL,
    LOW,
    MEDIUM,
    HIGH;

    /** The word used on the wire and in {@code perstack.toml}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The level a word names. */
    public static LevelName fromWord(String word) {
      for (LevelName level : values()) {
        if (level.word().equals(word)) {
          return level;
        }
      }
      throw new IllegalArgumentException(
          "reasoning budget must be none, minimal, low, medium, high or a token count, was "
              + word);
    }
  }

  /** A named level such as {@code "low"}. */
  record Level(LevelName name) implements ReasoningBudget {
    public Level {
      Objects.requireNonNull(name, "name");
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

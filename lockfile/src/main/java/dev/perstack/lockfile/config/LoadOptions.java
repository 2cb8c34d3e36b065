package dev.perstack.lockfile.config;

import java.util.Objects;
import java.util.Optional;

/**
 * How to load a {@code perstack.toml}.
 *
 * @param strict turn every warning into an error ({@code --strict})
 * @param expert when present, load for running this expert: only problems in it and in the experts
 *     it can reach are fatal, and the model holds only those experts
 */
public record LoadOptions(boolean strict, Optional<String> expert) {

  /** Report everything; warnings do not fail the load. */
  public static final LoadOptions DEFAULT = new LoadOptions(false, Optional.empty());

  public LoadOptions {
    Objects.requireNonNull(expert, "expert");
  }

  public LoadOptions withStrict(boolean value) {
    return new LoadOptions(value, expert);
  }

  public LoadOptions forExpert(String key) {
    return new LoadOptions(strict, Optional.of(key));
  }
}

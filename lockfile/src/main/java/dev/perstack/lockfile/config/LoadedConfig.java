package dev.perstack.lockfile.config;

import java.util.List;
import java.util.Objects;

/** A valid configuration together with the warnings its file produced. */
public record LoadedConfig(PerstackConfig config, List<ConfigProblem> warnings) {
  public LoadedConfig {
    Objects.requireNonNull(config, "config");
    warnings = List.copyOf(warnings);
    if (warnings.stream().anyMatch(w -> w.severity() != Severity.WARNING)) {
      throw new IllegalArgumentException("a loaded configuration carries warnings only");
    }
  }
}

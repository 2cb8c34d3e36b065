package dev.perstack.lockfile.config;

import java.util.Objects;

/** The {@code [provider]} table: which provider answers generations and how to reach it. */
public record ProviderConfig(ProviderName name, ProviderSettings settings) {

  /** The provider used when a file has no {@code [provider]} table. */
  public static final ProviderConfig DEFAULT =
      new ProviderConfig(ProviderName.ANTHROPIC, ProviderSettings.NONE);

  public ProviderConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(settings, "settings");
  }
}

package dev.perstack.controlplane.gateway;

import dev.perstack.lockfile.config.ProviderConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * What answers one job's generations: the {@code [provider]} configuration, the model, the
 * environment the credentials come from, and the per-generation timeout.
 */
public record JobModel(
    ProviderConfig provider, String model, ProviderEnvironment environment, Duration timeout) {

  /** Perstack's default per-generation timeout, 300 000 ms. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(300_000);

  public JobModel {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
  }
}

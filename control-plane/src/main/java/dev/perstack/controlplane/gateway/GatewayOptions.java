package dev.perstack.controlplane.gateway;

import java.time.Duration;
import java.util.Objects;

/**
 * How persistently the gateway retries: at most {@code maxAttempts} provider calls per generation,
 * waiting {@code initialBackoff} doubled each time up to {@code maxBackoff} (with jitter), or what
 * {@code Retry-After} says when that is at most {@code maxRetryAfter}.
 *
 * <p>The agent retries failed generations itself ({@code maxRetries}), so the defaults are modest:
 * one call plus two retries.
 */
public record GatewayOptions(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** Three attempts, 1 s doubling to 20 s, honouring Retry-After up to 60 s. */
  public static final GatewayOptions DEFAULTS =
      new GatewayOptions(3, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(60));

  public GatewayOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    requireNotNegative(initialBackoff, "initialBackoff");
    requireNotNegative(maxBackoff, "maxBackoff");
    requireNotNegative(maxRetryAfter, "maxRetryAfter");
  }

  /** These options with another attempt count (1 disables retries). */
  public GatewayOptions withMaxAttempts(int attempts) {
    return new GatewayOptions(attempts, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /** These options with another backoff range. */
  public GatewayOptions withBackoff(Duration initial, Duration max) {
    return new GatewayOptions(maxAttempts, initial, max, maxRetryAfter);
  }

  private static void requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
  }
}

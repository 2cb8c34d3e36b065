package dev.perstack.controlplane.gateway.internal;

import dev.perstack.controlplane.gateway.GatewayOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** How long to wait before a retry: Retry-After when given, else exponential with jitter. */
public final class Backoff {
  private Backoff() {}

  /**
   * The wait before attempt {@code failedAttempt + 1}, or empty when the provider asks for longer
   * than {@link GatewayOptions#maxRetryAfter()} (then retrying here is pointless).
   */
  public static Optional<Duration> delay(
      GatewayOptions options, int failedAttempt, Optional<Duration> retryAfter) {
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get();
      if (asked.compareTo(options.maxRetryAfter()) > 0) {
        return Optional.empty();
      }
      // A little jitter after the time asked, so that many clients do not return at once.
      long extra = ThreadLocalRandom.current().nextLong(0, 50 + 1);
      return Optional.of(asked.plusMillis(extra));
    }
    long base = options.initialBackoff().toMillis();
    long max = options.maxBackoff().toMillis();
    long exponential = base << Math.min(failedAttempt - 1, 20);
    long capped = Math.min(max, Math.max(0, exponential));
    // "Equal jitter": half fixed, half random.
    long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(0, capped / 2 + 1);
    return Optional.of(Duration.ofMillis(jittered));
  }
}

package dev.perstack.controlplane.gateway;

import dev.perstack.protocol.checkpoint.RunError;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed provider call, already normalised: the {@link RunError}, how long the provider asked to
 * wait before a retry ({@code Retry-After}), and a detail for logs that says where and how to fix
 * it.
 */
public final class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RunError error;
  private final transient Optional<Duration> retryAfter;

  public ProviderException(RunError error, Optional<Duration> retryAfter, String detail) {
    super(Objects.requireNonNull(detail, "detail"));
    this.error = Objects.requireNonNull(error, "error");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** A failure that retrying cannot fix, such as a missing key or a bad setting. */
  public static ProviderException configuration(String message, String fix) {
    return new ProviderException(
        new RunError("ConfigurationError", message, java.util.OptionalInt.empty(), false),
        Optional.empty(),
        message + "; " + fix);
  }

  /** The error as the agent sees it. */
  public RunError error() {
    return error;
  }

  /** How long the provider asked to wait before trying again, if it said. */
  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}

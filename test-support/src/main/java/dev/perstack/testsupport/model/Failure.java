package dev.perstack.testsupport.model;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A scripted HTTP error, rendered in the provider's error JSON; {@code retryAfterSeconds} adds a
 * {@code Retry-After} header (and Gemini's {@code RetryInfo} detail).
 */
public record Failure(int status, String message, OptionalLong retryAfterSeconds, Duration delay)
    implements Reply {

  public Failure {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status must be 400-599, got " + status);
    }
    Objects.requireNonNull(message, "message");
    if (message.isBlank()) {
      throw new IllegalArgumentException("message must not be blank");
    }
    Objects.requireNonNull(retryAfterSeconds, "retryAfterSeconds");
    if (retryAfterSeconds.isPresent() && retryAfterSeconds.getAsLong() < 0) {
      throw new IllegalArgumentException("retryAfterSeconds must not be negative");
    }
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
  }

  /** An error with a message that names the status, answered at once. */
  public static Failure of(int status) {
    return new Failure(status, defaultMessage(status), OptionalLong.empty(), Duration.ZERO);
  }

  /** This error telling the client to retry after {@code seconds}. */
  public Failure retryAfterSeconds(long seconds) {
    return new Failure(status, message, OptionalLong.of(seconds), delay);
  }

  /** This error with another message. */
  public Failure withMessage(String message) {
    return new Failure(status, message, retryAfterSeconds, delay);
  }

  @Override
  public Failure delayed(Duration delay) {
    return new Failure(status, message, retryAfterSeconds, delay);
  }

  private static String defaultMessage(int status) {
    String what =
        switch (status) {
          case 400 -> "invalid request";
          case 401 -> "invalid API key";
          case 403 -> "permission denied";
          case 404 -> "not found";
          case 413 -> "request too large";
          case 429 -> "rate limit exceeded";
          case 500 -> "internal server error";
          case 503 -> "service unavailable";
          case 529 -> "overloaded";
          default -> "HTTP error";
        };
    return "scripted " + status + ": " + what;
  }
}

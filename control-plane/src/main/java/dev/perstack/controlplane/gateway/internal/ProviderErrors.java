package dev.perstack.controlplane.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.HttpException;
import dev.perstack.controlplane.gateway.ProviderException;
import dev.perstack.protocol.checkpoint.RunError;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises whatever a provider call threw into a {@link ProviderException}: HTTP errors become
 * {@code APICallError} with the status (retryable for 408, 409, 429 and 5xx) and the provider's own
 * message, broken connections and cut streams a retryable {@code APICallError} without status,
 * timeouts a retryable {@code TimeoutError}.
 */
public final class ProviderErrors {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern SECONDS = Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)s\\s*$");

  private ProviderErrors() {}

  /**
   * The normalised failure.
   *
   * @param provider the provider's name, for messages
   * @param where the endpoint called, for messages (never with credentials)
   */
  public static ProviderException from(Throwable thrown, String provider, String where) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProviderException already) {
        return already;
      }
      if (cause instanceof HttpException http) {
        return http(http, provider, where);
      }
      if (cause instanceof HttpTimeoutException
          || cause instanceof dev.langchain4j.exception.TimeoutException) {
        return timeout(provider, where, "no answer in time");
      }
      if (cause instanceof UnresolvedAddressException
          || cause instanceof java.net.UnknownHostException) {
        return failure(
            "APICallError",
            "cannot resolve the host of " + where,
            OptionalInt.empty(),
            false,
            Optional.empty(),
            "check the provider's baseUrl setting and the network");
      }
      if (cause instanceof IOException io) {
        return failure(
            "APICallError",
            "the connection to " + provider + " failed or was cut: " + describe(io),
            OptionalInt.empty(),
            true,
            Optional.empty(),
            "calling " + where + "; retrying may succeed");
      }
    }
    return failure(
        "ProviderError",
        provider + " call failed: " + describe(thrown),
        OptionalInt.empty(),
        false,
        Optional.empty(),
        "calling " + where);
  }

  /** The per-generation timeout ran out. */
  public static ProviderException timeout(String provider, String where, String detail) {
    return failure(
        "TimeoutError",
        provider + " did not finish the generation in time (" + detail + ")",
        OptionalInt.empty(),
        true,
        Optional.empty(),
        "calling " + where + "; raise `timeout` in perstack.toml if generations are this long");
  }

  /** A stream that ended without the provider saying it was complete. */
  public static ProviderException incomplete(String provider, String where) {
    return failure(
        "APICallError",
        "the stream from " + provider + " ended before the response was complete",
        OptionalInt.empty(),
        true,
        Optional.empty(),
        "calling " + where + "; retrying may succeed");
  }

  private static ProviderException http(HttpException http, String provider, String where) {
    int status = http.statusCode();
    String body = http instanceof ProviderHttpException p ? p.body() : http.getMessage();
    Optional<JsonNode> json = json(body);
    String message = json.flatMap(ProviderErrors::message).orElse(abbreviate(body));
    Optional<Duration> retryAfter = Optional.empty();
    if (http instanceof ProviderHttpException withHeaders) {
      retryAfter = retryAfter(withHeaders);
    }
    if (retryAfter.isEmpty()) {
      retryAfter = json.flatMap(ProviderErrors::retryDelay);
    }
    boolean retryable = status == 408 || status == 409 || status == 429 || status >= 500;
    String fix =
        switch (status) {
          case 401, 403 -> "check the provider's API key and its permissions";
          case 404 -> "check the model name and the provider's baseUrl";
          case 400, 413, 422 -> "the provider refused the request as sent";
          case 429 -> "the provider is rate-limiting this key";
          default -> retryable ? "the provider failed; retrying may succeed" : "see the message";
        };
    return failure(
        "APICallError",
        provider + " answered HTTP " + status + ": " + message,
        OptionalInt.of(status),
        retryable,
        retryAfter,
        "calling " + where + "; " + fix);
  }

  private static ProviderException failure(
      String name,
      String message,
      OptionalInt status,
      boolean retryable,
      Optional<Duration> retryAfter,
      String detail) {
    return new ProviderException(
        new RunError(name, message, status, retryable), retryAfter, message + " — " + detail);
  }

  /** {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date. */
  static Optional<Duration> retryAfter(ProviderHttpException http) {
    Optional<String> millis = http.header("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(millis.get().trim())));
      } catch (NumberFormatException ignored) {
        // fall through to retry-after
      }
    }
    Optional<String> value = http.header("retry-after");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().trim();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(text) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  /** Gemini's {@code google.rpc.RetryInfo} detail: {@code "retryDelay": "2s"}. */
  private static Optional<Duration> retryDelay(JsonNode json) {
    for (JsonNode detail : json.path("error").path("details")) {
      Matcher matcher = SECONDS.matcher(detail.path("retryDelay").asText(""));
      if (matcher.matches()) {
        return Optional.of(Duration.ofMillis((long) (Double.parseDouble(matcher.group(1)) * 1000)));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> message(JsonNode json) {
    JsonNode error = json.path("error");
    if (error.isTextual()) {
      return Optional.of(error.asText());
    }
    for (JsonNode candidate : new JsonNode[] {error.path("message"), json.path("message")}) {
      if (candidate.isTextual() && !candidate.asText().isBlank()) {
        return Optional.of(candidate.asText());
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonNode> json(String body) {
    if (body == null || body.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IOException notJson) {
      return Optional.empty();
    }
  }

  private static String describe(Throwable thrown) {
    String message = thrown.getMessage();
    return thrown.getClass().getSimpleName()
        + (message == null || message.isBlank() ? "" : ": " + abbreviate(message));
  }

  private static String abbreviate(String text) {
    if (text == null || text.isBlank()) {
      return "(no message)";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= 500 ? flat : flat.substring(0, 500) + "…";
  }
}

package dev.perstack.testsupport.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as the scripted model server received it: {@code number} counts from 1 in arrival
 * order, header names are lower case, {@code query} is raw ("" when absent), {@code json} is the
 * parsed body (a missing node when the body is not JSON) and {@code wireFormat} the route it hit.
 */
public record RecordedRequest(
    int number,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    JsonNode json,
    Optional<WireFormat> wireFormat) {

  public RecordedRequest {
    if (number < 1) {
      throw new IllegalArgumentException("number counts from 1, got " + number);
    }
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    headers = Map.copyOf(headers);
    for (String name : headers.keySet()) {
      if (!name.equals(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("header names are stored lower case, got " + name);
      }
    }
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(wireFormat, "wireFormat");
  }

  /** The first value of header {@code name}, whatever its case. */
  public Optional<String> header(String name) {
    return headerValues(name).stream().findFirst();
  }

  /** All values of header {@code name}, whatever its case. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The first value of query parameter {@code name}, URL-decoded. */
  public Optional<String> queryParameter(String name) {
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (decode(key).equals(name)) {
        return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return Optional.empty();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}

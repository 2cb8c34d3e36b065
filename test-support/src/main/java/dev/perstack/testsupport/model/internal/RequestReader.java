package dev.perstack.testsupport.model.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.WireFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns an exchange whose body has been read into a {@link RecordedRequest}. */
final class RequestReader {
  private RequestReader() {}

  static RecordedRequest read(
      int number, HttpExchange exchange, byte[] body, Optional<WireFormat> format) {
    URI uri = exchange.getRequestURI();
    Map<String, List<String>> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) ->
                headers
                    .computeIfAbsent(name.toLowerCase(Locale.ROOT), unused -> new ArrayList<>())
                    .addAll(values));
    headers.replaceAll((name, values) -> List.copyOf(values));
    String text = new String(body, StandardCharsets.UTF_8);
    return new RecordedRequest(
        number,
        exchange.getRequestMethod(),
        uri.getPath(),
        Objects.requireNonNullElse(uri.getRawQuery(), ""),
        headers,
        text,
        Json.parseOrMissing(text),
        format);
  }
}

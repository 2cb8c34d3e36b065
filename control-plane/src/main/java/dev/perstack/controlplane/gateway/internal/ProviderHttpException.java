package dev.perstack.controlplane.gateway.internal;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP error answer with its headers, which langchain4j's own {@link HttpException} drops and
 * which {@code Retry-After} needs.
 */
public final class ProviderHttpException extends HttpException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, List<String>> headers;
  private final String body;

  public ProviderHttpException(int statusCode, String body, Map<String, List<String>> headers) {
    super(statusCode, body);
    this.body = body;
    this.headers = Map.copyOf(headers);
  }

  /** The response body as text. */
  public String body() {
    return body;
  }

  /** The first value of a header, whatever its case. */
  public Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .flatMap(entry -> entry.getValue().stream())
        .findFirst();
  }
}

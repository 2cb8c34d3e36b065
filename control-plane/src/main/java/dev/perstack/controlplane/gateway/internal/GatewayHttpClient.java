package dev.perstack.controlplane.gateway.internal;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * langchain4j's HTTP client on one shared JDK client: HTTP/1.1 only (the JDK's h2c upgrade confuses
 * simple servers), extra headers added to every request, error answers keeping their headers, and a
 * stream that breaks reported as an error rather than as a normal end.
 */
public final class GatewayHttpClient implements HttpClient {
  private final java.net.http.HttpClient jdk;
  private final Duration readTimeout;
  private final Supplier<Map<String, String>> extraHeaders;

  GatewayHttpClient(
      java.net.http.HttpClient jdk,
      Duration readTimeout,
      Supplier<Map<String, String>> extraHeaders) {
    this.jdk = jdk;
    this.readTimeout = readTimeout;
    this.extraHeaders = extraHeaders;
  }

  /** A builder langchain4j models take, producing clients over {@code jdk}. */
  public static HttpClientBuilder builder(
      java.net.http.HttpClient jdk, Supplier<Map<String, String>> extraHeaders) {
    return new Builder(jdk, extraHeaders);
  }

  /** A JDK client for the gateway: HTTP/1.1, redirects never followed. */
  public static java.net.http.HttpClient newJdkClient() {
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(15))
        .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    try {
      HttpResponse<byte[]> response =
          jdk.send(toJdk(request), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() < 200 || response.statusCode() >= 300) {
        throw new ProviderHttpException(
            response.statusCode(),
            new String(response.body(), StandardCharsets.UTF_8),
            response.headers().map());
      }
      return SuccessfulHttpResponse.builder()
          .statusCode(response.statusCode())
          .headers(response.headers().map())
          .body(new String(response.body(), StandardCharsets.UTF_8))
          .build();
    } catch (HttpTimeoutException e) {
      throw new TimeoutException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while calling the provider", e);
    }
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    jdk.sendAsync(toJdk(request), HttpResponse.BodyHandlers.ofInputStream())
        .thenAccept(response -> stream(response, parser, listener))
        .exceptionally(
            failure -> {
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              listener.onError(
                  cause instanceof HttpTimeoutException ? new TimeoutException(cause) : cause);
              return null;
            });
  }

  private static void stream(
      HttpResponse<InputStream> response,
      ServerSentEventParser parser,
      ServerSentEventListener listener) {
    int status = response.statusCode();
    if (status < 200 || status >= 300) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "(the error body could not be read: " + e.getMessage() + ")";
      }
      listener.onError(new ProviderHttpException(status, body, response.headers().map()));
      return;
    }
    listener.onOpen(
        SuccessfulHttpResponse.builder()
            .statusCode(status)
            .headers(response.headers().map())
            .build());
    FailureTracking tracking = new FailureTracking(listener);
    try (InputStream in = response.body()) {
      parser.parse(in, tracking);
    } catch (IOException | RuntimeException e) {
      tracking.onError(e);
    }
    if (!tracking.failed) {
      listener.onClose();
    }
  }

  private java.net.http.HttpRequest toJdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder builder =
        java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
    request.headers().forEach((name, values) -> values.forEach(v -> builder.header(name, v)));
    extraHeaders.get().forEach(builder::setHeader);
    String body = request.body();
    builder.method(
        request.method().name(),
        body == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (readTimeout != null) {
      builder.timeout(readTimeout);
    }
    return builder.build();
  }

  /** Notes whether the parser reported an error, so a broken stream is not also "closed". */
  private static final class FailureTracking implements ServerSentEventListener {
    private final ServerSentEventListener delegate;
    private volatile boolean failed;

    FailureTracking(ServerSentEventListener delegate) {
      this.delegate = delegate;
    }

    @Override
    public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
      delegate.onEvent(event, context);
    }

    @Override
    public void onEvent(ServerSentEvent event) {
      delegate.onEvent(event);
    }

    @Override
    public void onError(Throwable throwable) {
      if (!failed) {
        failed = true;
        delegate.onError(throwable);
      }
    }
  }

  private static final class Builder implements HttpClientBuilder {
    private final java.net.http.HttpClient jdk;
    private final Supplier<Map<String, String>> extraHeaders;
    private Duration connectTimeout;
    private Duration readTimeout;

    Builder(java.net.http.HttpClient jdk, Supplier<Map<String, String>> extraHeaders) {
      this.jdk = Objects.requireNonNull(jdk, "jdk");
      this.extraHeaders = Objects.requireNonNull(extraHeaders, "extraHeaders");
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public HttpClient build() {
      return new GatewayHttpClient(jdk, readTimeout, extraHeaders);
    }
  }
}

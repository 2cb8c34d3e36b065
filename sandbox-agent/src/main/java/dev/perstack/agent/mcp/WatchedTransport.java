package dev.perstack.agent.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An HTTP transport whose failure to connect completes {@code lost}.
 *
 * <p>The SDK's client subscribes to the transport's connection on its own and drops its error: an
 * SSE endpoint that refuses the connection otherwise leaves {@code initialize} waiting for an
 * {@code endpoint} event until its timeout.
 */
final class WatchedTransport implements McpClientTransport {
  private final McpClientTransport delegate;
  private final CompletableFuture<String> lost;

  WatchedTransport(McpClientTransport delegate, CompletableFuture<String> lost) {
    this.delegate = delegate;
    this.lost = lost;
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return delegate
        .connect(handler)
        .doOnError(error -> lost.complete("is unreachable (" + describe(error) + ")"));
  }

  @Override
  public void setExceptionHandler(Consumer<Throwable> handler) {
    delegate.setExceptionHandler(handler);
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    return delegate.sendMessage(message);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return delegate.unmarshalFrom(data, typeRef);
  }

  @Override
  public List<String> protocolVersions() {
    return delegate.protocolVersions();
  }

  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null || message.isBlank()
        ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + message;
  }
}

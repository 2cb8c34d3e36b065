package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.perstack.testsupport.model.Answer;
import dev.perstack.testsupport.model.Failure;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Handles every exchange: records it, draws the next reply and renders it in the route's format.
 */
public final class ModelHandler implements HttpHandler {
  private final Ledger ledger;

  public ModelHandler(Ledger ledger) {
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long started = System.nanoTime();
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      Optional<ProviderFormat> format = Routes.forRequest(method, path);
      Arrival arrival =
          ledger.arrive(
              number ->
                  RequestReader.read(
                      number, exchange, body, format.map(ProviderFormat::wireFormat)));
      if (format.isEmpty()) {
        String message =
            "no scripted model route for "
                + method
                + " "
                + path
                + "; served: "
                + Routes.DESCRIPTION;
        ResponseWriter.json(exchange, 404, plainError(message), OptionalLong.empty());
        return;
      }
      if (arrival.reply().isEmpty()) {
        String message =
            "no scripted reply left for "
                + method
                + " "
                + path
                + " (request #"
                + arrival.request().number()
                + ")";
        ResponseWriter.json(
            exchange,
            500,
            format.get().error(500, message, OptionalLong.empty()),
            OptionalLong.empty());
        return;
      }
      deliver(exchange, format.get(), arrival.request(), arrival.reply().get());
    } catch (ConnectionCut deliberate) {
      throw deliberate;
    } catch (RuntimeException bug) {
      // Say what broke when the response has not started, rather than only drop the connection.
      if (exchange.getResponseCode() == -1) {
        ResponseWriter.json(
            exchange,
            500,
            plainError("scripted model server failed: " + bug),
            OptionalLong.empty());
      }
      throw bug;
    } finally {
      ledger.handled(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  private static void deliver(
      HttpExchange exchange, ProviderFormat format, RecordedRequest request, Reply reply)
      throws IOException {
    ResponseWriter.pause(reply.delay());
    if (reply instanceof Failure failure) {
      ObjectNode body =
          format.error(failure.status(), failure.message(), failure.retryAfterSeconds());
      ResponseWriter.json(exchange, failure.status(), body, failure.retryAfterSeconds());
    } else if (reply instanceof Answer answer) {
      if (format.streams(request)) {
        ResponseWriter.stream(
            exchange,
            format.framing(request),
            format.events(answer, request),
            answer.pacing(),
            answer.cutAfterChunks());
      } else if (answer.cutAfterChunks().isPresent()) {
        ResponseWriter.truncatedJson(exchange, format.message(answer, request));
      } else {
        ResponseWriter.json(exchange, 200, format.message(answer, request), OptionalLong.empty());
      }
    }
  }

  private static ObjectNode plainError(String message) {
    ObjectNode body = Json.object();
    body.putObject("error").put("message", message).put("type", "scripted_model_server");
    return body;
  }
}

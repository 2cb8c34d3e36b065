package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Writes JSON bodies and event streams to an exchange, whole or cut short. */
final class ResponseWriter {
  /**
   * How long a cut waits after its last chunk: clients such as the JDK's drop data they have
   * received but not yet read once the connection fails, so without this grace a test could not
   * count on seeing the chunks sent before the cut.
   */
  private static final Duration CUT_GRACE = Duration.ofMillis(300);

  private ResponseWriter() {}

  static void json(HttpExchange exchange, int status, JsonNode body, OptionalLong retryAfterSeconds)
      throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    retryAfterSeconds.ifPresent(
        seconds -> exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds)));
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Announces the whole body's length, sends half of it, then drops the connection. */
  static void truncatedJson(HttpExchange exchange, JsonNode body) throws IOException {
    byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    OutputStream out = exchange.getResponseBody();
    out.write(bytes, 0, bytes.length / 2);
    out.flush();
    pause(CUT_GRACE);
    throw new ConnectionCut(
        "body cut after " + bytes.length / 2 + " of " + bytes.length + " bytes");
  }

  /**
   * Streams {@code events} with chunked transfer, flushing each so clients see it at once; with
   * {@code cutAfter}, stops short of the last event and drops the connection.
   */
  static void stream(
      HttpExchange exchange,
      Framing framing,
      List<StreamEvent> events,
      Duration pacing,
      OptionalInt cutAfter)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", framing.contentType());
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    int limit = events.size();
    if (cutAfter.isPresent()) {
      limit = Math.max(0, Math.min(cutAfter.getAsInt(), events.size() - 1));
    }
    for (int i = 0; i < limit; i++) {
      if (i > 0) {
        pause(pacing);
      }
      out.write(framing.encode(events.get(i), i));
      out.flush();
    }
    if (cutAfter.isPresent()) {
      pause(CUT_GRACE);
      throw new ConnectionCut("stream cut after " + limit + " of " + events.size() + " events");
    }
    out.write(framing.close(events.size()));
    out.close();
  }

  /** Waits {@code duration}; a server closing meanwhile interrupts and drops the connection. */
  static void pause(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectionCut("the server closed while waiting");
    }
  }
}

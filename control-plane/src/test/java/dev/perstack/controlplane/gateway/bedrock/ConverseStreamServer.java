package dev.perstack.controlplane.gateway.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A local Bedrock runtime for tests: records each request (headers, path, body) and answers
 * ConverseStream calls with scripted events in the AWS event-stream binary framing, or with an
 * error status and {@code x-amzn-ErrorType}.
 */
final class ConverseStreamServer implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A request as received. */
  record Received(String path, Map<String, List<String>> headers, JsonNode body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** What to answer: events, or an error. */
  record Script(List<String[]> events, int status, String errorType, String message) {
    static Script events(String[]... events) {
      return new Script(List.of(events), 200, null, null);
    }

    static Script error(int status, String type, String message) {
      return new Script(List.of(), status, type, message);
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  ConverseStreamServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void enqueue(Script... more) {
    scripts.addAll(List.of(more));
  }

  /** One event: its type and its JSON payload. */
  static String[] event(String type, String json) {
    return new String[] {type, json};
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    received.add(
        new Received(
            exchange.getRequestURI().getRawPath(),
            headers,
            MAPPER.readTree(new String(body, StandardCharsets.UTF_8))));
    Script script = scripts.poll();
    if (script == null) {
      script = Script.error(500, "InternalServerException", "no scripted answer left");
    }
    if (script.status() != 200) {
      byte[] error =
          MAPPER
              .createObjectNode()
              .put("message", script.message())
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("x-amzn-ErrorType", script.errorType());
      exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + received.size());
      exchange.sendResponseHeaders(script.status(), error.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(error);
      }
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
    exchange.getResponseHeaders().set("x-amzn-RequestId", "req-" + received.size());
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String[] event : script.events()) {
        Map<String, HeaderValue> eventHeaders = new LinkedHashMap<>();
        eventHeaders.put(":message-type", HeaderValue.fromString("event"));
        eventHeaders.put(":event-type", HeaderValue.fromString(event[0]));
        eventHeaders.put(":content-type", HeaderValue.fromString("application/json"));
        new Message(eventHeaders, event[1].getBytes(StandardCharsets.UTF_8)).encode(out);
        out.flush();
      }
    }
  }

  /** The events of a text answer, streamed in the given pieces. */
  static List<String[]> text(String... pieces) {
    List<String[]> events = new ArrayList<>();
    events.add(event("messageStart", "{\"role\":\"assistant\"}"));
    for (String piece : pieces) {
      events.add(
          event(
              "contentBlockDelta",
              "{\"contentBlockIndex\":0,\"delta\":{\"text\":" + MAPPER.valueToTree(piece) + "}}"));
    }
    events.add(event("contentBlockStop", "{\"contentBlockIndex\":0}"));
    return events;
  }

  static String[] stop(String reason) {
    return event("messageStop", "{\"stopReason\":\"" + reason + "\"}");
  }

  static String[] metadata(int input, int output, int cacheRead) {
    return event(
        "metadata",
        "{\"usage\":{\"inputTokens\":"
            + input
            + ",\"outputTokens\":"
            + output
            + ",\"totalTokens\":"
            + (input + output + cacheRead)
            + ",\"cacheReadInputTokens\":"
            + cacheRead
            + "},\"metrics\":{\"latencyMs\":12}}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

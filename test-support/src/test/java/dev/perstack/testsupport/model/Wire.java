package dev.perstack.testsupport.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A plain HTTP/1.1 client for the tests, reading server-sent events as they arrive. */
final class Wire {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Wire() {}

  /** One server-sent event and when the client read its data line. */
  record Event(Optional<String> name, String data, long arrivedAtNanos) {
    JsonNode json() {
      return Wire.json(data);
    }
  }

  /** A streamed response: its events and, if the stream broke, how. */
  record Streamed(
      int status, HttpHeaders headers, List<Event> events, Optional<IOException> failure) {
    List<JsonNode> jsons() {
      return events.stream()
          .filter(event -> !event.data().equals("[DONE]"))
          .map(Event::json)
          .toList();
    }

    List<String> names() {
      return events.stream().map(event -> event.name().orElse("")).toList();
    }
  }

  static HttpRequest.Builder request(String url, String body, String... headerPairs) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headerPairs.length; i += 2) {
      builder.header(headerPairs[i], headerPairs[i + 1]);
    }
    return builder;
  }

  static HttpResponse<String> post(String url, String body, String... headerPairs)
      throws IOException, InterruptedException {
    return send(request(url, body, headerPairs).build());
  }

  static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Posts and reads the answer as server-sent events until it ends or breaks. */
  static Streamed stream(String url, String body, String... headerPairs)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        CLIENT.send(
            request(url, body, headerPairs).build(), HttpResponse.BodyHandlers.ofInputStream());
    List<Event> events = new ArrayList<>();
    Optional<IOException> failure = Optional.empty();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      Optional<String> name = Optional.empty();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("event: ")) {
          name = Optional.of(line.substring("event: ".length()));
        } else if (line.startsWith("data: ")) {
          events.add(new Event(name, line.substring("data: ".length()), System.nanoTime()));
          name = Optional.empty();
        }
      }
    } catch (IOException broken) {
      failure = Optional.of(broken);
    }
    return new Streamed(response.statusCode(), response.headers(), events, failure);
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }
}

package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** One chunk of a streamed answer: an optional SSE event name and its one-line data. */
record StreamEvent(Optional<String> name, String data) {
  StreamEvent {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(data, "data");
    if (data.contains("\n") || data.contains("\r")) {
      throw new IllegalArgumentException("event data must be one line");
    }
  }

  /** An unnamed event carrying {@code json}. */
  static StreamEvent data(JsonNode json) {
    return new StreamEvent(Optional.empty(), Json.write(json));
  }

  /** An event named {@code name} carrying {@code json}. */
  static StreamEvent named(String name, JsonNode json) {
    return new StreamEvent(Optional.of(name), Json.write(json));
  }
}

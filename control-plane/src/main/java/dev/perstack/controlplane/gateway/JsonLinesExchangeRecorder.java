package dev.perstack.controlplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.controlplane.gateway.internal.ExchangeJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Appends each exchange to a file as one line of JSON (the cassette format of {@code
 * docs/cassettes.md}), flushed at once so a crash loses at most the line being written. A request
 * message already written for the same job by this recorder is written as a reference to it, so a
 * job's file grows with its conversation, not with the square of it.
 */
public final class JsonLinesExchangeRecorder implements ExchangeRecorder {
  private final Path file;
  private final Map<String, Set<String>> writtenByJob = new HashMap<>();

  public JsonLinesExchangeRecorder(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The file appended to. */
  public Path file() {
    return file;
  }

  @Override
  public synchronized void record(Exchange exchange) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Set<String> written = writtenByJob.computeIfAbsent(exchange.jobId(), job -> new HashSet<>());
    List<String> added =
        exchange.request().messages().stream()
            .map(message -> message.id())
            .filter(id -> !written.contains(id))
            .toList();
    String line = ExchangeJson.encode(exchange, written) + "\n";
    try {
      Files.writeString(
          file,
          line,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      // Not written: later lines must not refer to messages only this line would have held.
      added.forEach(written::remove);
      throw e;
    }
  }

  /** Forgets which messages of {@code jobId} were written; its later lines write them again. */
  @Override
  public synchronized void jobEnded(String jobId) {
    writtenByJob.remove(jobId);
  }

  /**
   * Every exchange of a JSON-lines file, blank lines skipped.
   *
   * @throws IOException when the file cannot be read or a line is not an exchange (the message
   *     names the line)
   */
  public static List<Exchange> read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  /** Every exchange of JSON-lines text; {@code source} names it in errors. */
  public static List<Exchange> read(BufferedReader reader, String source) throws IOException {
    List<Exchange> exchanges = new ArrayList<>();
    Map<String, Map<String, JsonNode>> messagesByJob = new HashMap<>();
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        String job = ExchangeJson.parse(line).path("jobId").asText();
        Map<String, JsonNode> known = messagesByJob.computeIfAbsent(job, j -> new HashMap<>());
        exchanges.add(ExchangeJson.decode(line, known));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            source
                + " line "
                + number
                + " is not a recorded exchange: "
                + e.getMessage()
                + "; see docs/cassettes.md for the format",
            e);
      }
    }
    return exchanges;
  }
}

package dev.perstack.controlplane.gateway;

import dev.perstack.controlplane.gateway.internal.ExchangeJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Appends each exchange to a file as one line of JSON (the cassette format of {@code
 * docs/cassettes.md}), flushed at once so a crash loses at most the line being written.
 */
public final class JsonLinesExchangeRecorder implements ExchangeRecorder {
  private final Path file;

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
    String line = ExchangeJson.encode(exchange) + "\n";
    Files.writeString(
        file,
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
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
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        exchanges.add(ExchangeJson.decode(line));
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

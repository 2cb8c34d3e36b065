package dev.perstack.controlplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.controlplane.gateway.internal.ExchangeJson;
import dev.perstack.controlplane.gateway.internal.Ids;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers generations from a recorded file instead of a provider ({@code --model-cassette FILE}):
 * each job takes the first unused line whose {@code requestDigest} matches the request, or else the
 * first unused line in file order, and streams its text and reasoning as deltas. The format is the
 * JSON lines of {@link JsonLinesExchangeRecorder}, where only {@code response} (or {@code error})
 * is required; see {@code docs/cassettes.md}.
 */
public final class CassetteModelProvider implements ModelProvider {
  private static final Pattern WORDS = Pattern.compile("\\S+\\s*|\\s+");

  private final String source;
  private final List<Entry> entries;
  private final Map<String, BitSet> usedByJob = new ConcurrentHashMap<>();

  /** One recorded answer; {@code line} counts from 1. */
  private record Entry(
      int line,
      Optional<String> digest,
      Optional<GenerationResponse> response,
      Optional<RunError> error) {}

  private CassetteModelProvider(String source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  /**
   * A cassette from a file.
   *
   * @throws IOException when it cannot be read, or a line names the problem with its number
   */
  public static CassetteModelProvider load(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  /** A cassette bundled with the control plane, such as {@code hello}. */
  public static CassetteModelProvider bundled(String name) throws IOException {
    String resource = "cassettes/" + name + ".jsonl";
    InputStream in = CassetteModelProvider.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IOException(
          "no bundled cassette named " + name + " (looked for " + resource + "); try hello");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return read(reader, "bundled cassette " + name);
    }
  }

  /** A cassette from JSON-lines text; {@code source} names it in errors. */
  public static CassetteModelProvider read(BufferedReader reader, String source)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    int number = 0;
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode json = ExchangeJson.parse(line);
        Optional<GenerationResponse> response = ExchangeJson.response(json);
        Optional<RunError> error = ExchangeJson.error(json);
        if (response.isEmpty() && error.isEmpty()) {
          throw new IllegalArgumentException("it has neither a response nor an error");
        }
        Optional<String> digest =
            Optional.ofNullable(json.get("requestDigest"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        entries.add(new Entry(number, digest, response, error));
      } catch (IllegalArgumentException e) {
        throw new IOException(
            source + " line " + number + ": " + e.getMessage() + "; see docs/cassettes.md", e);
      }
    }
    if (entries.isEmpty()) {
      throw new IOException(source + " holds no recorded answer; see docs/cassettes.md");
    }
    return new CassetteModelProvider(source, entries);
  }

  /** How many answers the cassette holds. */
  public int size() {
    return entries.size();
  }

  @Override
  public GenerationResponse generate(ProviderCall call, Consumer<GenerationDelta> onDelta)
      throws ProviderException {
    String digest = call.requestDigest();
    Entry entry = take(call.jobId(), digest);
    if (entry.error().isPresent()) {
      RunError error = entry.error().get();
      throw new ProviderException(
          error, Optional.empty(), error.message() + " (replayed from " + where(entry) + ")");
    }
    GenerationResponse recorded = entry.response().orElseThrow();
    List<ExpertContent> contents = new ArrayList<>();
    for (ExpertContent part : recorded.contents()) {
      if (part instanceof ThinkingPart thinking) {
        stream(GenerationDelta.Kind.REASONING, thinking.thinking(), onDelta);
        contents.add(
            new ThinkingPart(Ids.next("thinking"), thinking.thinking(), thinking.signature()));
      } else if (part instanceof TextPart text) {
        stream(GenerationDelta.Kind.TEXT, text.text(), onDelta);
        contents.add(new TextPart(Ids.next("text"), text.text()));
      } else if (part instanceof ToolCallPart toolCall) {
        contents.add(
            new ToolCallPart(
                Ids.next("toolCall"), toolCall.toolCallId(), toolCall.toolName(), toolCall.args()));
      }
    }
    return new GenerationResponse(contents, recorded.finishReason(), recorded.usage());
  }

  private synchronized Entry take(String jobId, String digest) throws ProviderException {
    BitSet used = usedByJob.computeIfAbsent(jobId, id -> new BitSet(entries.size()));
    int chosen = -1;
    for (int i = used.nextClearBit(0); i < entries.size(); i = used.nextClearBit(i + 1)) {
      if (entries.get(i).digest().filter(digest::equals).isPresent()) {
        chosen = i;
        break;
      }
    }
    if (chosen < 0) {
      chosen = used.nextClearBit(0);
    }
    if (chosen >= entries.size()) {
      String message =
          "the cassette "
              + source
              + " has no answer left for this request: its "
              + entries.size()
              + " recorded answers are used up and none was recorded for digest "
              + digest;
      throw new ProviderException(
          new RunError("CassetteMissError", message, OptionalInt.empty(), false),
          Optional.empty(),
          message + "; record more with the JSON-lines recorder or shorten the job");
    }
    used.set(chosen);
    return entries.get(chosen);
  }

  private String where(Entry entry) {
    return source + " line " + entry.line();
  }

  private static void stream(
      GenerationDelta.Kind kind, String text, Consumer<GenerationDelta> onDelta) {
    Matcher words = WORDS.matcher(text);
    while (words.find()) {
      onDelta.accept(new GenerationDelta(kind, words.group()));
    }
  }
}

package dev.perstack.lockfile.lock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.lockfile.lock.CanonicalJson;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.lockfile.lock.PerstackLock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a lock written by the original TypeScript Perstack ({@code version = "1"}, smol-toml's
 * layout): {@code generatedAt} in epoch milliseconds, each expert's resolved table, and tool
 * definitions whose {@code inputSchema} is a nested TOML table. Such a lock has no digests or pins;
 * its experts carry {@link LockedExpert#V1_UNVERIFIED}.
 */
final class V1LockReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private V1LockReader() {}

  /** The lock, or empty when a problem was recorded. */
  static Optional<PerstackLock> read(LockTable top) {
    LockProblems problems = top.problems();
    int mark = problems.mark();
    Optional<Instant> generatedAt = generatedAt(top);
    Optional<String> configPath = top.checked("configPath", true, LockFormats::whyBlank);
    Map<String, LockedExpert> experts = new LinkedHashMap<>();
    top.table("experts", false)
        .ifPresent(
            all -> {
              for (String key : all.keys()) {
                all.table(key, true, "experts." + TomlText.quotedKey(key))
                    .flatMap(t -> expert(key, t))
                    .ifPresent(e -> experts.put(key, e));
              }
            });
    if (problems.since(mark)) {
      return Optional.empty();
    }
    return Guard.build(
        top,
        () ->
            new PerstackLock(
                PerstackLock.ORIGINAL_VERSION,
                generatedAt.orElseThrow(),
                configPath.orElseThrow(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                List.of(),
                experts));
  }

  private static Optional<Instant> generatedAt(LockTable top) {
    Object value = top.raw("generatedAt");
    if (value == null) {
      top.missing("generatedAt");
      return Optional.empty();
    }
    // JavaScript numbers: smol-toml writes Date.now() as an integer, but a float is a number too.
    Long millis = null;
    if (value instanceof Long whole) {
      millis = whole;
    } else if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
      millis = d.longValue();
    }
    if (millis == null) {
      top.wrongType("generatedAt", value, "a time in milliseconds since 1970 (a version 1 lock)");
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochMilli(millis));
    } catch (DateTimeException e) {
      top.error(
          "generatedAt",
          "`generatedAt` (" + millis + ") is not a time Perstack can represent",
          LockProblems.REINSTALL);
      return Optional.empty();
    }
  }

  private static Optional<LockedExpert> expert(String key, LockTable table) {
    LockProblems problems = table.problems();
    int mark = problems.mark();
    Map<String, Object> definition = TomlTrees.tree(table.toml());
    definition.remove("toolDefinitions");
    List<LockedToolDefinition> tools =
        ToolDefinitionsReader.read(table, null, V1LockReader::schema, false);
    if (problems.since(mark)) {
      return Optional.empty();
    }
    return Guard.build(
        table,
        () -> new LockedExpert(key, LockedExpert.V1_UNVERIFIED, definition, Map.of(), tools));
  }

  /** The original wrote the schema object as a TOML table; JSON has no other reading of it. */
  private static Optional<ObjectNode> schema(LockTable tool) {
    Optional<LockTable> table = tool.table("inputSchema", true);
    if (table.isEmpty()) {
      return Optional.empty();
    }
    String json;
    try {
      json = CanonicalJson.write(TomlTrees.tree(table.get().toml()));
    } catch (IllegalArgumentException e) {
      table
          .get()
          .tableError(
              "`" + table.get().path() + "` has no JSON form: " + e.getMessage(),
              LockProblems.REINSTALL);
      return Optional.empty();
    }
    try {
      return Optional.of((ObjectNode) JSON.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical JSON did not parse back: " + json, e);
    }
  }
}

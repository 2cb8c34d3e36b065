package dev.perstack.lockfile.lock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.lockfile.lock.ExpertDefinitions;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one {@code [experts."<key>"]} of a version 2 lock: its digest must match its definition,
 * its skill packages must be pinned, and each tool's schema must match its digest.
 */
final class V2ExpertReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private V2ExpertReader() {}

  /** The expert, or empty when a problem was recorded. */
  static Optional<LockedExpert> read(String key, LockTable table, Set<String> pinned) {
    LockProblems problems = table.problems();
    int mark = problems.mark();
    Optional<String> digest = table.checked("digest", true, LockFormats::whyNotSha256);
    Optional<Map<String, Object>> definition =
        table.table("definition", true).flatMap(t -> definition(key, t));
    Set<String> skills = definition.map(CanonicalTrees::skillNames).orElse(null);
    if (digest.isPresent() && definition.isPresent()) {
      String computed = ExpertDefinitions.digestOf(definition.get());
      if (!computed.equals(digest.get())) {
        table.error(
            "digest",
            "`"
                + table.field("digest")
                + "` does not match the definition below it: the lock was changed after"
                + " `perstack install` wrote it",
            LockProblems.REINSTALL);
      }
    }
    Map<String, String> skillPackages = skillPackages(key, table, pinned, skills);
    List<LockedToolDefinition> tools =
        ToolDefinitionsReader.read(table, skills, V2ExpertReader::schema, true);
    if (problems.since(mark)) {
      return Optional.empty();
    }
    return Guard.build(
        table,
        () ->
            new LockedExpert(
                key, digest.orElseThrow(), definition.orElseThrow(), skillPackages, tools));
  }

  /** The definition tree, if it is one this Perstack could have written for {@code key}. */
  private static Optional<Map<String, Object>> definition(String key, LockTable table) {
    Map<String, Object> tree = TomlTrees.tree(table.toml());
    Object named = tree.get("key");
    String where = "the definition under `experts." + TomlText.quotedKey(key) + "`";
    if (named == null) {
      table.tableError(where + " has no `key`", LockProblems.REINSTALL);
      return Optional.empty();
    }
    if (!key.equals(named)) {
      table.error(
          "key", where + " is for expert " + LockTable.describe(named), LockProblems.REINSTALL);
      return Optional.empty();
    }
    try {
      return Optional.of(CanonicalTrees.copy(tree));
    } catch (IllegalArgumentException e) {
      table.tableError(
          "the definition holds a value no definition has: " + e.getMessage(),
          LockProblems.REINSTALL);
      return Optional.empty();
    }
  }

  private static Map<String, String> skillPackages(
      String key, LockTable expert, Set<String> pinned, Set<String> skills) {
    Map<String, String> result = new LinkedHashMap<>();
    Optional<LockTable> table = expert.table("skillPackages", false);
    if (table.isEmpty()) {
      return result;
    }
    LockTable packages = table.get();
    for (String skill : packages.keys()) {
      Optional<String> name = packages.string(skill, true);
      if (name.isEmpty()) {
        continue;
      }
      if (!pinned.contains(name.get())) {
        packages.error(
            skill,
            "skill `"
                + skill
                + "` of expert `"
                + key
                + "` runs package `"
                + name.get()
                + "`, which no [[packages]] entry pins",
            LockProblems.REINSTALL);
      } else if (skills != null && !skills.contains(skill)) {
        packages.error(
            skill,
            "`"
                + packages.path()
                + "` names skill `"
                + skill
                + "`, which expert `"
                + key
                + "` does not have",
            LockProblems.REINSTALL);
      } else {
        result.put(skill, name.get());
      }
    }
    return result;
  }

  /** A v2 tool's schema: canonical JSON in a string, which must hash to its schemaDigest. */
  private static Optional<ObjectNode> schema(LockTable tool) {
    Optional<String> text = tool.string("inputSchema", true);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    JsonNode node;
    try {
      node = JSON.readTree(text.get());
    } catch (JsonProcessingException e) {
      tool.error(
          "inputSchema",
          "`" + tool.field("inputSchema") + "` is not valid JSON (" + e.getOriginalMessage() + ")",
          LockProblems.REINSTALL);
      return Optional.empty();
    }
    if (!(node instanceof ObjectNode object)) {
      tool.error(
          "inputSchema",
          "`" + tool.field("inputSchema") + "` is not a JSON object",
          LockProblems.REINSTALL);
      return Optional.empty();
    }
    return Optional.of(object);
  }
}

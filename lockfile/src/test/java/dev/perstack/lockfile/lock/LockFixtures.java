package dev.perstack.lockfile.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.lockfile.config.InvalidConfigException;
import dev.perstack.lockfile.config.LoadOptions;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A realistic configuration, the lock `perstack install` would write for it, and read helpers. */
final class LockFixtures {
  static final String FILE = "perstack.lock";
  static final ObjectMapper JSON = new ObjectMapper();

  static final String CONFIG =
      """
      model = "claude-sonnet-4-5"

      [provider]
      providerName = "anthropic"

      [experts."reviewer"]
      description = "Reviews changes"
      instruction = \"""
      Review the change.
      Say "LGTM" when it is fine.
      \"""
      delegates = ["helper"]
      tags = ["review"]

      [experts."reviewer".skills."fs"]
      type = "mcpStdioSkill"
      command = "npx"
      packageName = "@modelcontextprotocol/server-filesystem"
      pick = ["read_file", "list_directory"]

      [experts."helper"]
      instruction = "Help the reviewer."

      [experts."helper".skills."ask"]
      type = "interactiveSkill"

      [experts."helper".skills."ask".tools."confirm"]
      description = "Ask a person to confirm"
      inputJsonSchema = '{"type":"object","properties":{"ok":{"type":"boolean"}}}'

      [experts."loner"]
      instruction = "Works alone."
      """;

  static final LockedPackage FILESYSTEM =
      new LockedPackage(
          "@modelcontextprotocol/server-filesystem",
          "2026.8.31",
          "sha512-" + Base64.getEncoder().encodeToString(new byte[64]),
          "dist/index.js",
          "sha256:" + "a".repeat(64));

  static final LockedImage IMAGE =
      new LockedImage(
          "perstack-sandbox-skills:0123456789ab",
          "sha256:" + "b".repeat(64),
          "sha256:" + "c".repeat(64));

  static final Instant GENERATED_AT = Instant.parse("2026-11-26T15:00:00Z");

  private LockFixtures() {}

  static PerstackConfig config(String toml) {
    try {
      return PerstackConfigLoader.parse(toml, "perstack.toml", LoadOptions.DEFAULT).config();
    } catch (InvalidConfigException e) {
      throw new AssertionError("expected a valid perstack.toml, got:\n" + e.getMessage(), e);
    }
  }

  static PerstackConfig config() {
    return config(CONFIG);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  /** The lock install would write for {@link #CONFIG}. */
  static PerstackLock lock() {
    return lock(config());
  }

  static PerstackLock lock(PerstackConfig config) {
    Map<String, LockedExpert> experts = new TreeMap<>();
    config
        .experts()
        .forEach(
            (key, expert) ->
                experts.put(
                    key,
                    LockedExpert.of(
                        expert,
                        expert.skills().containsKey("fs")
                            ? Map.of("fs", FILESYSTEM.name())
                            : Map.of(),
                        tools(key))));
    return new PerstackLock(
        PerstackLock.CURRENT_VERSION,
        GENERATED_AT,
        "perstack.toml",
        Optional.of("0.1.0"),
        Optional.of(new LockedProvider("anthropic", Optional.of("claude-sonnet-4-5"))),
        Optional.of(IMAGE),
        List.of(FILESYSTEM),
        experts);
  }

  private static List<LockedToolDefinition> tools(String expertKey) {
    if (!expertKey.equals("reviewer")) {
      return List.of();
    }
    return List.of(
        LockedToolDefinition.of(
            "fs",
            "read_file",
            Optional.of("Read a file.\nReturns its text."),
            json(
                """
                {"type":"object","properties":{"path":{"type":"string"}},"required":["path"]}""")),
        LockedToolDefinition.of(
            "fs",
            "list_directory",
            Optional.empty(),
            json("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}")),
        LockedToolDefinition.of(
            "@perstack/base", "attemptCompletion", Optional.of("Finish."), json("{}")));
  }

  static PerstackLock read(String text) {
    try {
      return LockFiles.parse(text, FILE);
    } catch (InvalidLockException e) {
      throw new AssertionError("expected a valid lock, got:\n" + e.getMessage(), e);
    }
  }

  static List<LockProblem> problems(String text) {
    InvalidLockException e =
        catchThrowableOfType(InvalidLockException.class, () -> LockFiles.parse(text, FILE));
    assertThat(e).as("the lock should have been refused").isNotNull();
    return e.problems();
  }

  /** The one problem of a lock that must fail with exactly one. */
  static LockProblem problem(String text) {
    List<LockProblem> problems = problems(text);
    assertThat(problems).as(problems.toString()).hasSize(1);
    return problems.get(0);
  }

  /** Where {@code needle} first starts in {@code text}, as a problem reports it. */
  static String at(String text, String needle) {
    return at(text, needle, 0);
  }

  /** Where {@code needle} first starts in {@code text} at or after {@code from}. */
  static String at(String text, String needle, int from) {
    int index = text.indexOf(needle, from);
    assertThat(index).as("%s is in the text", needle).isNotNegative();
    String before = text.substring(0, index);
    int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
    int column = index - before.lastIndexOf('\n');
    return "line " + line + ", column " + column;
  }

  /** {@code text} with the first {@code from} replaced by {@code to}; fails when it is absent. */
  static String replace(String text, String from, String to) {
    assertThat(text).contains(from);
    int index = text.indexOf(from);
    return text.substring(0, index) + to + text.substring(index + from.length());
  }
}

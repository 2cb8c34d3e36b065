package dev.perstack.lockfile.lock;

import static dev.perstack.lockfile.lock.LockFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.lockfile.config.ExpertDefinition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ExpertDefinitionsTest {

  static ExpertDefinition expert(String toml, String key) {
    return config(toml).expert(key).orElseThrow();
  }

  static String digest(String toml) {
    return ExpertDefinitions.digest(expert(toml, "a"));
  }

  static final String BASE =
      """
      [experts."a"]
      version = "1.2.0"
      description = "Does a"
      instruction = "Do a."
      delegates = ["b"]
      tags = ["x", "y"]

      [experts."a".skills."fs"]
      type = "mcpStdioSkill"
      command = "npx"
      packageName = "@modelcontextprotocol/server-filesystem"
      pick = ["read_file"]

      [experts."a".skills."tool"]
      type = "mcpStdioSkill"
      command = "uvx"
      args = ["mcp-tool", "--verbose"]

      [experts."b"]
      instruction = "Do b."
      """;

  @Nested
  class CanonicalTree {
    @Test
    void namesEveryFieldAsPerstackTomlDoesAndLeavesOutEmptyOptionals() {
      Map<String, Object> tree = ExpertDefinitions.canonical(expert(BASE, "a"));

      assertThat(tree)
          .containsEntry("key", "a")
          .containsEntry("version", "1.2.0")
          .containsEntry("description", "Does a")
          .containsEntry("instruction", "Do a.")
          .containsEntry("delegates", List.of("b"))
          .containsEntry("tags", List.of("x", "y"))
          .containsEntry("providerTools", List.of())
          .containsEntry("providerSkills", List.of())
          .doesNotContainKeys("minRuntimeVersion", "providerToolOptions");
      assertThat(List.copyOf(tree.keySet())).isSorted();
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> skills =
          (Map<String, Map<String, Object>>) tree.get("skills");
      assertThat(skills).containsOnlyKeys("@perstack/base", "fs", "tool");
      assertThat(skills.get("fs"))
          .containsEntry("type", "mcpStdioSkill")
          .containsEntry("name", "fs")
          .containsEntry("command", "npx")
          .containsEntry("packageName", "@modelcontextprotocol/server-filesystem")
          .containsEntry("pick", List.of("read_file"))
          .containsEntry("omit", List.of())
          .containsEntry("args", List.of())
          .containsEntry("requiredEnv", List.of())
          .containsEntry("allowedDomains", List.of())
          .containsEntry("lazyInit", false)
          .doesNotContainKeys("description", "rule");
      assertThat(skills.get("tool")).containsEntry("args", List.of("mcp-tool", "--verbose"));
      assertThat(skills.get("@perstack/base"))
          .containsEntry("type", "base")
          .containsOnlyKeys("type", "name", "pick", "omit", "requiredEnv");
    }

    @Test
    void coversSseAndInteractiveSkillsAndProviderNativeTools() {
      Map<String, Object> tree =
          ExpertDefinitions.canonical(
              expert(
                  """
                  [experts."a"]
                  instruction = "x"
                  minRuntimeVersion = "0.1.0"
                  providerTools = ["webSearch"]
                  providerSkills = [{ type = "builtin", skillId = "pdf" }, { type = "custom", name = "n", definition = "d" }]

                  [experts."a".providerToolOptions.webSearch]
                  maxUses = 3

                  [experts."a".skills."remote"]
                  type = "mcpSseSkill"
                  endpoint = "https://mcp.example.com/sse"
                  rule = "Be careful."

                  [experts."a".skills."ask"]
                  type = "interactiveSkill"
                  description = "People"

                  [experts."a".skills."ask".tools."confirm"]
                  inputJsonSchema = '{ "type": "object" }'
                  """,
                  "a"));

      assertThat(tree)
          .containsEntry("minRuntimeVersion", "0.1.0")
          .containsEntry("providerTools", List.of("webSearch"))
          .containsEntry(
              "providerSkills",
              List.of(
                  Map.of("type", "builtin", "skillId", "pdf"),
                  Map.of("type", "custom", "name", "n", "definition", "d")))
          .containsEntry("providerToolOptions", Map.of("webSearch", Map.of("maxUses", 3L)));
      @SuppressWarnings("unchecked")
      Map<String, Map<String, Object>> skills =
          (Map<String, Map<String, Object>>) tree.get("skills");
      assertThat(skills.get("remote"))
          .containsEntry("type", "mcpSseSkill")
          .containsEntry("endpoint", "https://mcp.example.com/sse")
          .containsEntry("rule", "Be careful.");
      assertThat(skills.get("ask"))
          .containsEntry("type", "interactiveSkill")
          .containsEntry("description", "People")
          .containsEntry(
              "tools",
              Map.of(
                  "confirm",
                  Map.of("name", "confirm", "inputJsonSchema", "{\"type\":\"object\"}")));
    }

    @Test
    void holdsOnlyPlainJsonLikeTypes() {
      assertOnlyPlainTypes(ExpertDefinitions.canonical(expert(BASE, "a")));
    }

    private void assertOnlyPlainTypes(Object value) {
      assertThat(value)
          .isInstanceOfAny(
              String.class, Long.class, Double.class, Boolean.class, List.class, Map.class);
      if (value instanceof Map<?, ?> map) {
        map.values().forEach(this::assertOnlyPlainTypes);
      } else if (value instanceof List<?> list) {
        list.forEach(this::assertOnlyPlainTypes);
      }
    }
  }

  @Nested
  class Digest {
    @Test
    void isSha256OfTheCanonicalJson() {
      ExpertDefinition a = expert(BASE, "a");

      assertThat(ExpertDefinitions.digest(a))
          .matches("sha256:[0-9a-f]{64}")
          .isEqualTo(CanonicalJson.sha256(CanonicalJson.write(ExpertDefinitions.canonical(a))));
    }

    @Test
    void ignoresKeyOrderAndWhitespaceOfTheFile() {
      String reordered =
          """
          [experts."b"]
          instruction    =    "Do b."

          [experts."a".skills."tool"]
          args = [ "mcp-tool",
                   "--verbose" ]
          command = "uvx"
          type = "mcpStdioSkill"

          [experts."a"]
          tags = ["x","y"]
          delegates = ["b"]
          instruction = 'Do a.'
          description = "Does a"
          version = "1.2.0"

          [experts."a".skills."fs"]
          pick = ["read_file"]
          packageName = "@modelcontextprotocol/server-filesystem"
          command = "npx"
          type = "mcpStdioSkill"
          """;

      assertThat(digest(reordered)).isEqualTo(digest(BASE));
    }

    @Test
    void ignoresHowAnInteractiveToolsSchemaIsSpacedOrOrdered() {
      String compact =
          """
          [experts."a"]
          instruction = "x"
          [experts."a".skills."ask"]
          type = "interactiveSkill"
          [experts."a".skills."ask".tools."t"]
          inputJsonSchema = '{"type":"object","properties":{"q":{"type":"string"}}}'
          """;
      String spaced =
          replaceOnce(
              compact,
              "'{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}'",
              "'''\n{\n  \"properties\": { \"q\": { \"type\": \"string\" } },\n  \"type\": \"object\"\n}'''");

      assertThat(digest(spaced)).isEqualTo(digest(compact));
    }

    @Test
    void isTheSameWhetherTheBaseSkillIsListedWithoutFiltersOrImplied() {
      String listed =
          """
          [experts."a"]
          instruction = "x"
          [experts."a".skills."@perstack/base"]
          type = "mcpStdioSkill"
          command = "npx"
          packageName = "@perstack/base"
          """;

      assertThat(digest(listed)).isEqualTo(digest("[experts.\"a\"]\ninstruction = \"x\"\n"));
    }

    @Test
    void changesWithAnythingThatDecidesBehaviour() {
      String base = digest(BASE);

      assertThat(digest(replaceOnce(BASE, "Do a.", "Do a!"))).isNotEqualTo(base);
      assertThat(digest(replaceOnce(BASE, "\"--verbose\"", "\"--quiet\""))).isNotEqualTo(base);
      assertThat(digest(replaceOnce(BASE, "delegates = [\"b\"]", "delegates = []")))
          .isNotEqualTo(base);
      assertThat(digest(replaceOnce(BASE, "pick = [\"read_file\"]", "omit = [\"read_file\"]")))
          .isNotEqualTo(base);
      assertThat(digest(replaceOnce(BASE, "Does a", "Does A"))).isNotEqualTo(base);
      assertThat(digest(replaceOnce(BASE, "1.2.0", "1.2.1"))).isNotEqualTo(base);
      assertThat(digest(replaceOnce(BASE, "tags = [\"x\", \"y\"]", "tags = [\"y\", \"x\"]")))
          .isNotEqualTo(base);
      assertThat(
              digest(
                  BASE
                      + "[experts.\"a\".skills.\"fs2\"]\ntype = \"mcpSseSkill\"\n"
                      + "endpoint = \"https://mcp.example.com\"\n"))
          .isNotEqualTo(base);
      assertThat(
              digest(replaceOnce(BASE, "command = \"npx\"", "command = \"npx\"\nlazyInit = true")))
          .isNotEqualTo(base);
    }

    @Test
    void doesNotChangeWithAnotherExpertsDefinition() {
      assertThat(digest(replaceOnce(BASE, "Do b.", "Do b differently."))).isEqualTo(digest(BASE));
    }

    @Test
    void isStableAcrossLoads() {
      assertThat(digest(BASE)).isEqualTo(digest(BASE));
      assertThat(ExpertDefinitions.canonical(expert(BASE, "a")))
          .isEqualTo(ExpertDefinitions.canonical(expert(BASE, "a")));
    }
  }

  static String replaceOnce(String text, String from, String to) {
    return LockFixtures.replace(text, from, to);
  }
}

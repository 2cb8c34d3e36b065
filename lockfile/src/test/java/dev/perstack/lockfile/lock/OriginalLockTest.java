package dev.perstack.lockfile.lock;

import static dev.perstack.lockfile.lock.LockFixtures.json;
import static dev.perstack.lockfile.lock.LockFixtures.problem;
import static dev.perstack.lockfile.lock.LockFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Locks written by the original TypeScript Perstack ({@code version = "1"}). */
class OriginalLockTest {

  static Path fixture() {
    try {
      return Path.of(OriginalLockTest.class.getResource("/locks/original-v1.lock").toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static PerstackLock original() throws InvalidLockException {
    return LockFiles.read(fixture());
  }

  @Nested
  class Reading {
    @Test
    void readsTheTopLevelAsVersion1WithNothingPinned() throws Exception {
      PerstackLock lock = original();

      assertThat(lock.version()).isEqualTo(PerstackLock.ORIGINAL_VERSION);
      assertThat(lock.generatedAt()).isEqualTo(Instant.ofEpochMilli(1764169200000L));
      assertThat(lock.configPath()).isEqualTo("perstack.toml");
      assertThat(lock.runtimeVersion()).isEmpty();
      assertThat(lock.provider()).isEmpty();
      assertThat(lock.image()).isEmpty();
      assertThat(lock.packages()).isEmpty();
      assertThat(lock.experts()).containsOnlyKeys("helper", "reviewer");
    }

    @Test
    void keepsEachExpertsTableAsItsDefinitionWithoutItsToolsAndMarksItUnverified()
        throws Exception {
      LockedExpert reviewer = original().expert("reviewer").orElseThrow();

      assertThat(reviewer.digest()).isEqualTo(LockedExpert.V1_UNVERIFIED);
      assertThat(reviewer.verified()).isFalse();
      assertThat(reviewer.skillPackages()).isEmpty();
      assertThat(reviewer.definition())
          .containsEntry("key", "reviewer")
          .containsEntry("name", "reviewer")
          .containsEntry("instruction", "Review the change.\nSay \"LGTM\" when it is fine.")
          .containsEntry("delegates", List.of("helper"))
          .doesNotContainKey("toolDefinitions");
      assertThat(reviewer.definition().get("skills"))
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsKeys("@perstack/base", "github");
    }

    @Test
    void turnsNestedInputSchemaTablesIntoTheSameJson() throws Exception {
      LockedExpert reviewer = original().expert("reviewer").orElseThrow();

      assertThat(reviewer.toolDefinitions())
          .extracting(LockedToolDefinition::skillName, LockedToolDefinition::name)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("github", "search_issues"),
              org.assertj.core.groups.Tuple.tuple("@perstack/base", "attemptCompletion"));
      LockedToolDefinition search = reviewer.toolsOf("github").get(0);
      assertThat(search.description()).contains("Search issues and pull requests");
      assertThat(search.inputSchema())
          .isEqualTo(
              json(
                  """
                  {
                    "$schema": "http://json-schema.org/draft-07/schema#",
                    "type": "object",
                    "required": ["query"],
                    "additionalProperties": false,
                    "properties": {
                      "query": {"type": "string", "description": "GitHub search syntax"},
                      "state": {"type": "string", "enum": ["open", "closed", "all"], "default": "open"},
                      "filter": {
                        "type": "object",
                        "properties": {
                          "labels": {"type": "array", "minItems": 1, "items": {"type": "string"}},
                          "limit": {"anyOf": [
                            {"type": "integer", "maximum": 100, "exclusiveMinimum": 0},
                            {"type": "number", "multipleOf": 0.5}
                          ]}
                        }
                      }
                    }
                  }"""));
      assertThat(reviewer.toolsOf("@perstack/base").get(0).inputSchema())
          .isEqualTo(json("{\"type\":\"object\",\"properties\":{}}"));
    }

    @Test
    void acceptsAnEmptyToolDefinitionsArray() throws Exception {
      assertThat(original().expert("helper").orElseThrow().toolDefinitions()).isEmpty();
    }

    @Test
    void readsTheSmallestLockTheOriginalWrites() {
      PerstackLock lock =
          read(
              """
              version = "1"
              generatedAt = 1704067200000
              configPath = "perstack.toml"

              [experts.test-expert]
              key = "test-expert"
              name = "Test Expert"
              version = "1.0.0"
              instruction = "Test"
              delegates = []
              tags = []
              toolDefinitions = []

              [experts.test-expert.skills]
              """);

      assertThat(lock.expert("test-expert").orElseThrow().definition())
          .containsEntry("skills", Map.of())
          .containsEntry("instruction", "Test");
    }
  }

  @Nested
  class Refusing {
    @Test
    void aVersionWrittenAsANumberIsNotTheOriginals() {
      LockProblem p = problem("version = 1\ngeneratedAt = 1\nconfigPath = \"x\"\n");

      assertThat(p.format())
          .startsWith("perstack.lock: line 1, column 1: `version` is the number 1")
          .contains("version = 2")
          .contains("version = \"1\"")
          .endsWith("run `perstack install` to write a version 2 lock.");
    }

    @Test
    void generatedAtMustBeMilliseconds() {
      LockProblem p =
          problem("version = \"1\"\ngeneratedAt = 2026-01-01T00:00:00Z\nconfigPath = \"x\"\n");

      assertThat(p.format())
          .startsWith("perstack.lock: line 2, column 1: `generatedAt` is the date/time")
          .contains("milliseconds since 1970");
    }

    @Test
    void aToolsInputSchemaMustBeATable() {
      String text =
          """
          version = "1"
          generatedAt = 1
          configPath = "x"

          [[experts.a.toolDefinitions]]
          skillName = "s"
          name = "t"
          inputSchema = "{}"
          """;

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: line 8, column 1: `experts.\"a\".toolDefinitions[0].inputSchema` is"
                  + " the string \"{}\", but it must be a table");
    }
  }

  @Nested
  class Staleness {
    @Test
    void aVersion1LockIsAlwaysStaleForOneReasonCallersCanRecognise() throws Exception {
      String config =
          """
          [experts."reviewer"]
          instruction = "Review."
          delegates = ["helper"]
          [experts."helper"]
          instruction = "Help."
          """;

      List<StaleLock> stale = LockCheck.check(original(), LockFixtures.config(config), "reviewer");

      assertThat(stale).containsExactly(StaleLock.VERSION_1);
      assertThat(stale.get(0).message())
          .startsWith("perstack.lock is stale: it is a version 1 lock")
          .contains("no definition digests")
          .endsWith("run `perstack install` to update perstack.lock.");
    }

    @Test
    void aVersion1LockStillReportsExpertsItLacks() throws Exception {
      List<StaleLock> stale =
          LockCheck.check(
              original(),
              LockFixtures.config("[experts.\"other\"]\ninstruction = \"x\"\n"),
              "other");

      assertThat(stale).hasSize(2).first().isEqualTo(StaleLock.VERSION_1);
      assertThat(stale.get(1).expertKey()).isEqualTo("other");
    }
  }
}

package dev.perstack.lockfile.lock;

import static dev.perstack.lockfile.lock.LockFixtures.at;
import static dev.perstack.lockfile.lock.LockFixtures.lock;
import static dev.perstack.lockfile.lock.LockFixtures.problem;
import static dev.perstack.lockfile.lock.LockFixtures.problems;
import static dev.perstack.lockfile.lock.LockFixtures.read;
import static dev.perstack.lockfile.lock.LockFixtures.replace;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a version 2 lock that cannot be used is refused: every problem, where it is, what to do. */
class LockReadingTest {
  static final String VALID = LockFiles.toToml(lock());

  /** {@code VALID} with one line changed, and where that line's value now is. */
  static String edited(String from, String to) {
    return replace(VALID, from, to);
  }

  @Nested
  class Versions {
    @Test
    void anUnknownVersionSaysWhichVersionsAreUnderstoodAndToReinstall() {
      LockProblem p = problem(edited("version = 2", "version = 3"));

      assertThat(p.format())
          .isEqualTo(
              "perstack.lock: line 2, column 1: `version` is the number 3, which this Perstack"
                  + " reads version 2 locks (version = 2) and the original Perstack's (version ="
                  + " \"1\") only. run `perstack install` to write a version 2 lock.");
    }

    @Test
    void aMissingVersionIsReportedAtTheTopOfTheFile() {
      LockProblem p = problem(edited("version = 2\n", ""));

      assertThat(p.position().line()).isEqualTo(1);
      assertThat(p.message()).startsWith("the lock has no `version`");
    }
  }

  @Nested
  class Syntax {
    @Test
    void aTomlSyntaxErrorHasItsPosition() {
      LockProblem p =
          problem(edited("configPath = \"perstack.toml\"", "configPath = \"perstack.toml"));

      assertThat(p.format())
          .startsWith("perstack.lock: line 4, column ")
          .contains("TOML syntax error")
          .endsWith("run `perstack install` to write perstack.lock again.");
    }

    @Test
    void aMalformedEscapeIsASyntaxErrorToFixByInstallingAgain() {
      LockProblem p =
          problem(edited("configPath = \"perstack.toml\"", "configPath = \"perstack\\u12.toml\""));

      assertThat(p.format())
          .contains("TOML syntax error")
          .contains("escape")
          .endsWith("run `perstack install` to write perstack.lock again.");
    }

    @Test
    void mergeConflictMarkersAreSyntaxErrors() {
      String conflicted =
          edited(
              "runtimeVersion = \"0.1.0\"",
              "<<<<<<< HEAD\nruntimeVersion = \"0.1.0\"\n=======\nruntimeVersion = \"0.2.0\"\n>>>>>>> b");

      assertThat(problems(conflicted))
          .first()
          .satisfies(p -> assertThat(p.position().line()).isEqualTo(5))
          .satisfies(p -> assertThat(p.message()).startsWith("TOML syntax error"));
    }
  }

  @Nested
  class TopLevel {
    @Test
    void generatedAtMustBeADateTimeWithAnOffset() {
      String text =
          edited("generatedAt = 2026-11-26T15:00:00Z", "generatedAt = 2026-11-26T15:00:00");

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: " + at(text, "generatedAt") + ": `generatedAt` is the date/time")
          .contains("no time zone offset");
    }

    @Test
    void missingRequiredFieldsAreEachReported() {
      String text = edited("configPath = \"perstack.toml\"\n", "");
      String noTime = edited("generatedAt = 2026-11-26T15:00:00Z\n", "");

      assertThat(problem(text).message()).isEqualTo("the lock has no `configPath`");
      assertThat(problem(noTime).message()).isEqualTo("the lock has no `generatedAt`");
    }

    @Test
    void aMistypedFieldSaysWhatItIsAndWhatItMustBe() {
      String text = edited("runtimeVersion = \"0.1.0\"", "runtimeVersion = 1");

      assertThat(problem(text).format())
          .isEqualTo(
              "perstack.lock: "
                  + at(text, "runtimeVersion")
                  + ": `runtimeVersion` is the number 1, but it must be a string. run `perstack"
                  + " install` to write perstack.lock again.");
    }

    @Test
    void theProviderNeedsAName() {
      String text = edited("providerName = \"anthropic\"\n", "");

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: " + at(text, "[provider]") + ": `provider` has no `providerName`");
    }

    @Test
    void unknownKeysAreAcceptedForNewerPerstacks() {
      String text =
          edited("configPath = \"perstack.toml\"", "configPath = \"perstack.toml\"\nfuture = 1");
      text = replace(text, "bin = ", "signature = \"x\"\nbin = ");
      text = replace(text, "skillPackages = ", "pinnedBy = \"ci\"\nskillPackages = ");
      text = replace(text, "schemaDigest = ", "annotations = { readOnly = true }\nschemaDigest = ");

      assertThat(read(text)).isEqualTo(lock());
    }
  }

  @Nested
  class Pins {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "id | \"sha256:BBBB\" | is \"sha256:BBBB\", not \"sha256:\" followed by 64 lower-case hex digits",
          "skillsDigest | \"md5:00\" | not \"sha256:\" followed by 64",
          "integrity | \"sha512-abc\" | holds 2 bytes of sha512, which is 64 bytes long",
          "integrity | \"md5-AAAA\" | not one integrity hash such as \"sha512-<base64>\"",
          "bin | \"../outside.js\" | which has an empty, `.` or `..` segment",
          "bin | \"./dist/index.js\" | which has an empty, `.` or `..` segment",
          "bin | \"/usr/bin/node\" | an absolute path",
          "version | \"^2026.8.31\" | not an exact version such as \"1.2.3\"",
          "filesDigest | \"sha256:abc\" | not \"sha256:\" followed by 64",
          "name | \"bad name\" | not a package name",
        })
    void aMalformedPinIsReportedAtItsKey(String key, String value, String expected) {
      String pins = VALID.substring(VALID.indexOf("[image]"), VALID.indexOf("[experts."));
      String line = pins.lines().filter(l -> l.startsWith(key + " = ")).findFirst().orElseThrow();
      String text =
          VALID.substring(0, VALID.indexOf("[image]"))
              + replace(pins, line, key + " = " + value)
              + VALID.substring(VALID.indexOf("[experts."));
      if (key.equals("name")) {
        // The package's skill now names no pinned package; only the malformed name matters here.
        text =
            replace(
                text,
                "skillPackages = { fs = \"@modelcontextprotocol/server-filesystem\" }",
                "skillPackages = {}");
      }

      LockProblem p = problem(text);

      assertThat(p.position().line() + ":" + p.position().column())
          .isEqualTo(
              at(text, key + " = " + value).replaceAll("line (\\d+), column (\\d+)", "$1:$2"));
      assertThat(p.message()).contains(expected);
      assertThat(p.fix()).isEqualTo("run `perstack install` to write perstack.lock again");
    }

    @Test
    void aPackagePinnedTwiceIsReportedAtTheSecond() {
      int start = VALID.indexOf("[[packages]]");
      int end = VALID.indexOf("[experts.");
      String text = VALID.substring(0, end) + VALID.substring(start, end) + VALID.substring(end);

      String first = at(text, "name = \"@modelcontextprotocol");
      String second =
          at(text, "name = \"@modelcontextprotocol", text.indexOf("[[packages]]", start + 1));

      LockProblem p = problem(text);

      assertThat(p.message())
          .isEqualTo(
              "package `@modelcontextprotocol/server-filesystem` is pinned twice (first on "
                  + first.replaceAll(", column \\d+", "")
                  + ")");
      assertThat(p.format()).startsWith("perstack.lock: " + second + ": ");
    }
  }

  @Nested
  class Experts {
    @Test
    void aDigestThatDoesNotMatchTheDefinitionMeansTheLockWasEdited() {
      String text =
          edited("instruction = \"Help the reviewer.\"", "instruction = \"Do anything.\"");
      String digestLine = "digest = \"" + lock().expert("helper").orElseThrow().digest() + "\"";

      assertThat(problem(text).format())
          .isEqualTo(
              "perstack.lock: "
                  + at(text, digestLine)
                  + ": `experts.\"helper\".digest` does not match the definition below it: the lock"
                  + " was changed after `perstack install` wrote it. run `perstack install` to"
                  + " write perstack.lock again.");
    }

    @Test
    void aMalformedDigestIsReported() {
      String digest = lock().expert("loner").orElseThrow().digest();
      String text = edited(digest, "sha1:abc");

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: "
                  + at(text, "digest = \"sha1:abc\"")
                  + ": `experts.\"loner\".digest` is \"sha1:abc\"");
    }

    @Test
    void anExpertWithoutDefinitionIsReportedAtItsHeader() {
      int start = VALID.indexOf("[experts.\"loner\".definition]");
      int end = VALID.indexOf("[experts.\"reviewer\"]");
      String text = VALID.substring(0, start) + VALID.substring(end);

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: "
                  + at(text, "[experts.\"loner\"]")
                  + ": `experts.\"loner\"` has no `definition`");
    }

    @Test
    void aDefinitionFiledUnderAnotherKeyIsRefused() {
      String text = edited("key = \"loner\"", "key = \"someone-else\"");

      assertThat(problems(text))
          .extracting(LockProblem::message)
          .contains(
              "the definition under `experts.\"loner\"` is for expert the string \"someone-else\"");
    }

    @Test
    void aDefinitionWithoutKeyIsReportedAtItsHeader() {
      String text = edited("key = \"loner\"\n", "");

      assertThat(problems(text))
          .extracting(LockProblem::format)
          .contains(
              "perstack.lock: "
                  + at(text, "[experts.\"loner\".definition]")
                  + ": the definition under `experts.\"loner\"` has no `key`. run `perstack"
                  + " install` to write perstack.lock again.");
    }

    @Test
    void aSkillPackageMustNameAPinnedPackage() {
      String text =
          edited(
              "skillPackages = { fs = \"@modelcontextprotocol/server-filesystem\" }",
              "skillPackages = { fs = \"@modelcontextprotocol/server-everything\" }");

      assertThat(problem(text).format())
          .isEqualTo(
              "perstack.lock: "
                  + at(text, "fs = \"@modelcontextprotocol/server-everything\"")
                  + ": skill `fs` of expert `reviewer` runs package"
                  + " `@modelcontextprotocol/server-everything`, which no [[packages]] entry pins."
                  + " run `perstack install` to write perstack.lock again.");
    }

    @Test
    void aSkillPackageMustBelongToASkillOfTheExpert() {
      String text =
          edited(
              "skillPackages = { fs = \"@modelcontextprotocol/server-filesystem\" }",
              "skillPackages = { fs = \"@modelcontextprotocol/server-filesystem\", gone = \"@modelcontextprotocol/server-filesystem\" }");

      assertThat(problem(text).message())
          .isEqualTo(
              "`experts.\"reviewer\".skillPackages` names skill `gone`, which expert `reviewer` does not have");
    }
  }

  @Nested
  class ToolDefinitions {
    static final String READ_FILE_SCHEMA =
        "inputSchema = '''{\"properties\":{\"path\":{\"type\":\"string\"}},\"required\":[\"path\"],\"type\":\"object\"}'''";

    @Test
    void anInputSchemaThatIsNotJsonIsReported() {
      String text = edited(READ_FILE_SCHEMA, "inputSchema = '''{\"properties\":'''");

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: "
                  + at(text, "inputSchema = '''{\"properties\":'''")
                  + ": `experts.\"reviewer\".toolDefinitions[0].inputSchema` is not valid JSON (");
    }

    @Test
    void anInputSchemaThatIsNotAnObjectIsReported() {
      String text = edited(READ_FILE_SCHEMA, "inputSchema = '[1, 2]'");

      assertThat(problem(text).format())
          .isEqualTo(
              "perstack.lock: "
                  + at(text, "inputSchema = '[1, 2]'")
                  + ": `experts.\"reviewer\".toolDefinitions[0].inputSchema` is not a JSON object."
                  + " run `perstack install` to write perstack.lock again.");
    }

    @Test
    void aSchemaThatDoesNotMatchItsDigestMeansTheLockWasEdited() {
      String text =
          edited(READ_FILE_SCHEMA, READ_FILE_SCHEMA.replace("\"required\":[\"path\"],", ""));
      int tool = text.indexOf("name = \"read_file\"");

      LockProblem p = problem(text);

      assertThat(p.format())
          .isEqualTo(
              "perstack.lock: "
                  + at(text, "schemaDigest", tool)
                  + ": `experts.\"reviewer\".toolDefinitions[0].schemaDigest` does not match its"
                  + " inputSchema: the lock was changed after `perstack install` wrote it. run"
                  + " `perstack install` to write perstack.lock again.");
    }

    @Test
    void aToolListedTwiceForOneSkillIsReportedAtTheSecond() {
      String text = edited("name = \"list_directory\"", "name = \"read_file\"");

      LockProblem p = problem(text);

      String first = at(text, "name = \"read_file\"");
      String second = at(text, "name = \"read_file\"", text.indexOf("name = \"read_file\"") + 1);
      assertThat(p.format())
          .startsWith(
              "perstack.lock: "
                  + second
                  + ": tool `read_file` of skill `fs` is listed twice (first on "
                  + first.replaceAll(", column \\d+", "")
                  + ")");
    }

    @Test
    void theSameToolNameInTwoSkillsIsFine() {
      String text = edited("name = \"attemptCompletion\"", "name = \"read_file\"");

      assertThat(read(text).expert("reviewer").orElseThrow().toolsOf("@perstack/base"))
          .extracting(LockedToolDefinition::name)
          .containsExactly("read_file");
    }

    @Test
    void aToolOfASkillTheExpertDoesNotHaveIsReported() {
      String text = edited("skillName = \"@perstack/base\"", "skillName = \"github\"");

      assertThat(problem(text).format())
          .startsWith(
              "perstack.lock: "
                  + at(text, "skillName = \"github\"")
                  + ": `experts.\"reviewer\".toolDefinitions[2].skillName` is `github`, a skill the"
                  + " expert's definition does not have");
    }
  }

  @Test
  void reportsEveryProblemOfTheFileInOnePassInFileOrder() {
    String text = edited("id = \"sha256:", "id = \"sha257:");
    text = replace(text, "bin = \"dist/index.js\"", "bin = \"../index.js\"");
    text = replace(text, "instruction = \"Works alone.\"", "instruction = \"Works with others.\"");
    text = replace(text, "skillName = \"fs\"", "skillName = 7");

    List<LockProblem> problems = problems(text);

    assertThat(problems)
        .extracting(LockProblem::field)
        .containsExactly(
            "image.id",
            "packages[0].bin",
            "experts.\"loner\".digest",
            "experts.\"reviewer\".toolDefinitions[0].skillName");
    assertThat(problems).extracting(p -> p.position().line()).isSorted();
  }
}

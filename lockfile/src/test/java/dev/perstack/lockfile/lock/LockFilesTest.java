package dev.perstack.lockfile.lock;

import static dev.perstack.lockfile.lock.LockFixtures.FILESYSTEM;
import static dev.perstack.lockfile.lock.LockFixtures.GENERATED_AT;
import static dev.perstack.lockfile.lock.LockFixtures.IMAGE;
import static dev.perstack.lockfile.lock.LockFixtures.json;
import static dev.perstack.lockfile.lock.LockFixtures.lock;
import static dev.perstack.lockfile.lock.LockFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LockFilesTest {

  @Nested
  class Layout {
    @Test
    void writesTheTopLevelThenProviderImagePackagesAndOneExpertAfterAnother() {
      String text = LockFiles.toToml(lock());

      assertThat(text)
          .startsWith(
              """
              # perstack.lock: written by `perstack install`. Do not edit; run `perstack install` again instead.
              version = 2
              generatedAt = 2026-11-26T15:00:00Z
              configPath = "perstack.toml"
              runtimeVersion = "0.1.0"

              [provider]
              providerName = "anthropic"
              model = "claude-sonnet-4-5"

              [image]
              reference = "perstack-sandbox-skills:0123456789ab"
              id = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
              skillsDigest = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"

              [[packages]]
              name = "@modelcontextprotocol/server-filesystem"
              version = "2026.8.31"
              integrity = "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="
              bin = "dist/index.js"
              filesDigest = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"

              [experts."helper"]
              """)
          .endsWith("\n");
      assertThat(text.indexOf("[experts.\"helper\"]"))
          .isLessThan(text.indexOf("[experts.\"loner\"]"))
          .isLessThan(text.indexOf("[experts.\"reviewer\"]"));
    }

    @Test
    void writesAnExpertsDigestPackagesDefinitionTablesAndToolDefinitions() {
      String text = LockFiles.toToml(lock());
      String reviewer = text.substring(text.indexOf("[experts.\"reviewer\"]"));

      assertThat(reviewer)
          .startsWith(
              """
              [experts."reviewer"]
              digest = "%s"
              skillPackages = { fs = "@modelcontextprotocol/server-filesystem" }

              [experts."reviewer".definition]
              delegates = ["helper"]
              description = "Reviews changes"
              instruction = \"""
              Review the change.
              Say "LGTM" when it is fine.
              \"""
              key = "reviewer"
              """
                  .formatted(lock().expert("reviewer").orElseThrow().digest()))
          .contains(
              """

              [experts."reviewer".definition.skills."@perstack/base"]
              name = "@perstack/base"
              """)
          .contains(
              """
              [[experts."reviewer".toolDefinitions]]
              skillName = "fs"
              name = "read_file"
              description = \"""
              Read a file.
              Returns its text.\"""
              inputSchema = '''{"properties":{"path":{"type":"string"}},"required":["path"],"type":"object"}'''
              schemaDigest = "sha256:""");
    }

    @Test
    void leavesOutWhatTheLockDoesNotPin() {
      PerstackLock bare =
          new PerstackLock(
              2,
              GENERATED_AT,
              "perstack.toml",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              Map.of());

      assertThat(LockFiles.toToml(bare))
          .isEqualTo(
              """
              # perstack.lock: written by `perstack install`. Do not edit; run `perstack install` again instead.
              version = 2
              generatedAt = 2026-11-26T15:00:00Z
              configPath = "perstack.toml"
              """);
      assertThat(read(LockFiles.toToml(bare))).isEqualTo(bare);
    }

    @Test
    void refusesToWriteAVersion1Lock() throws Exception {
      PerstackLock original = LockFiles.read(OriginalLockTest.fixture());

      assertThatThrownBy(() -> LockFiles.toToml(original))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("version 1 lock is only read");
    }
  }

  @Nested
  class RoundTrip {
    @Test
    void aWrittenLockReadsBackEqual() {
      PerstackLock lock = lock();

      assertThat(read(LockFiles.toToml(lock))).isEqualTo(lock);
    }

    @Test
    void keepsSubSecondTimes() {
      PerstackLock lock = withTime(Instant.parse("2026-11-26T15:00:00.123456789Z"));

      assertThat(read(LockFiles.toToml(lock)).generatedAt()).isEqualTo(lock.generatedAt());
    }

    @Test
    void keepsToolSchemasThatAreNotPlainObjectsOfStrings() {
      LockedToolDefinition tool =
          LockedToolDefinition.of(
              "fs",
              "t",
              Optional.empty(),
              json(
                  """
                  {"type":"object","properties":{"n":{"type":["integer","null"],"default":null,
                  "minimum":-1.5e3,"maximum":9007199254740993,"enum":[1,2.5,true,null,"x"]}},
                  "additionalProperties":false}"""));
      PerstackLock lock = withTools(List.of(tool));

      PerstackLock back = read(LockFiles.toToml(lock));

      assertThat(back).isEqualTo(lock);
      assertThat(back.expert("reviewer").orElseThrow().toolsOf("fs").get(0).inputSchema())
          .isEqualTo(tool.inputSchema());
    }
  }

  @Nested
  class StableBytes {
    @Test
    void theSameLockGivesTheSameTextWhateverOrderItsMapsWereBuiltIn() {
      PerstackLock lock = lock();
      List<String> keys = new ArrayList<>(lock.experts().keySet());
      Collections.reverse(keys);
      Map<String, LockedExpert> reversed = new LinkedHashMap<>();
      for (String key : keys) {
        LockedExpert e = lock.experts().get(key);
        Map<String, Object> definition = new LinkedHashMap<>();
        List<String> fields = new ArrayList<>(e.definition().keySet());
        Collections.reverse(fields);
        fields.forEach(f -> definition.put(f, e.definition().get(f)));
        reversed.put(
            key,
            new LockedExpert(
                key,
                e.digest(),
                definition,
                new LinkedHashMap<>(e.skillPackages()),
                e.toolDefinitions()));
      }
      PerstackLock rebuilt =
          new PerstackLock(
              lock.version(),
              lock.generatedAt(),
              lock.configPath(),
              lock.runtimeVersion(),
              lock.provider(),
              lock.image(),
              lock.packages(),
              reversed);

      assertThat(LockFiles.toToml(rebuilt)).isEqualTo(LockFiles.toToml(lock));
    }

    @Test
    void packagesAreWrittenSortedByName() {
      LockedPackage zed =
          new LockedPackage(
              "zed-mcp", "1.0.0", FILESYSTEM.integrity(), "index.js", FILESYSTEM.filesDigest());
      PerstackLock a = withPackages(List.of(zed, FILESYSTEM));
      PerstackLock b = withPackages(List.of(FILESYSTEM, zed));

      assertThat(LockFiles.toToml(a)).isEqualTo(LockFiles.toToml(b));
      assertThat(a.packages()).extracting(LockedPackage::name).isSorted();
    }

    @Test
    void readingAndWritingAgainChangesNoByte() {
      String text = LockFiles.toToml(lock());

      assertThat(LockFiles.toToml(read(text))).isEqualTo(text);
    }
  }

  @Nested
  class AwkwardStrings {
    static Stream<String> awkward() {
      return Stream.of(
          "",
          "plain",
          "double \" quote",
          "ends with a quote\"",
          "three \"\"\" quotes and four \"\"\"\"",
          "\"\"",
          "back\\slash and trailing backslash\\",
          "single ' and triple ''' quotes",
          "tab\tand\rcarriage return and \r\n windows line",
          "control \u0000 \u0001 \u001f \u007f \b \f chars",
          "unicode é 中文 עברית \u2028 \uFEFF 😀",
          "multi\nline\n",
          "\n",
          "\nstarts with a newline",
          "ends with newline then quote\n\"",
          "line\n\"\"\"\nclosing quotes alone on a line",
          "json-ish {\"a\":'''b'''}",
          "${NOT_A_VARIABLE} and #not a comment");
    }

    @ParameterizedTest
    @MethodSource("awkward")
    void everyStringReadsBackAsWritten(String text) {
      LockedToolDefinition tool =
          LockedToolDefinition.of(
              "fs",
              "t",
              Optional.of(text),
              json("{\"description\":" + jsonString(text) + ",\"type\":\"object\"}"));
      PerstackLock lock =
          new PerstackLock(
              2,
              GENERATED_AT,
              text.isBlank() ? "perstack.toml" : text,
              Optional.of(text.isBlank() ? "x" : text),
              Optional.of(
                  new LockedProvider("anthropic", Optional.of(text.isBlank() ? "m" : text))),
              Optional.of(IMAGE),
              List.of(FILESYSTEM),
              Map.of("reviewer", withInstruction(text, tool)));

      String written = LockFiles.toToml(lock);

      assertThat(read(written)).isEqualTo(lock);
    }

    @Test
    void aLoneSurrogateCannotBeWritten() {
      PerstackLock lock =
          new PerstackLock(
              2,
              GENERATED_AT,
              "bad \uD800 half",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              Map.of());

      assertThatThrownBy(() -> LockFiles.toToml(lock))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lone UTF-16 surrogate");
    }

    private static LockedExpert withInstruction(String text, LockedToolDefinition tool) {
      LockedExpert reviewer = lock().expert("reviewer").orElseThrow();
      Map<String, Object> definition = new LinkedHashMap<>(reviewer.definition());
      definition.put("instruction", text);
      definition.put("tags", List.of(text, "x"));
      definition.put(
          "providerSkills", List.of(Map.of("type", "custom", "name", "n", "definition", text)));
      definition.put("odd key \" . = [x]", text);
      return new LockedExpert(
          "reviewer",
          ExpertDefinitions.digestOf(definition),
          definition,
          reviewer.skillPackages(),
          List.of(tool));
    }

    private static String jsonString(String text) {
      return CanonicalJson.write(List.of(text)).replaceAll("^\\[|\\]$", "");
    }
  }

  @Nested
  class Writing {
    @TempDir Path dir;

    @Test
    void writesTheTomlTextAndReplacesAnOldLock() throws Exception {
      Path file = dir.resolve(LockFiles.FILE_NAME);
      Files.writeString(file, "old");

      LockFiles.write(file, lock());

      assertThat(Files.readString(file)).isEqualTo(LockFiles.toToml(lock()));
      assertThat(LockFiles.read(file)).isEqualTo(lock());
    }

    @Test
    void leavesNoTemporaryFileBehind() throws Exception {
      LockFiles.write(dir.resolve(LockFiles.FILE_NAME), lock());
      LockFiles.write(dir.resolve(LockFiles.FILE_NAME), lock());

      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(dir.resolve(LockFiles.FILE_NAME));
      }
    }

    @Test
    void makesTheLockReadableLikeAnyProjectFile() throws Exception {
      Path file = dir.resolve(LockFiles.FILE_NAME);
      LockFiles.write(file, lock());

      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .isEqualTo("rw-r--r--");
      }
    }

    @Test
    void aFailedWriteLeavesTheOldLockAndNoTemporaryFile() throws Exception {
      Path file = dir.resolve(LockFiles.FILE_NAME);
      Files.writeString(file, "old");
      PerstackLock unwritable =
          new PerstackLock(
              2,
              GENERATED_AT,
              "bad \uDC00",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              Map.of());

      assertThatThrownBy(() -> LockFiles.write(file, unwritable))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(Files.readString(file)).isEqualTo("old");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files).containsExactly(file);
      }
    }

    @Test
    void theDigestIsSha256OfTheFileBytes() throws Exception {
      Path file = dir.resolve(LockFiles.FILE_NAME);
      LockFiles.write(file, lock());

      String digest = LockFiles.digest(file);

      assertThat(digest)
          .matches("sha256:[0-9a-f]{64}")
          .isEqualTo(CanonicalJson.sha256(Files.readString(file)));
      LockFiles.write(file, withTime(GENERATED_AT.plusSeconds(1)));
      assertThat(LockFiles.digest(file)).isNotEqualTo(digest);
    }

    @Test
    void loadingGivesTheLockAndTheDigestOfTheBytesItParsed() throws Exception {
      Path file = dir.resolve(LockFiles.FILE_NAME);
      LockFiles.write(file, lock());

      LockFiles.LoadedLock loaded = LockFiles.load(file);

      assertThat(loaded.lock()).isEqualTo(LockFiles.read(file));
      assertThat(loaded.digest()).isEqualTo(LockFiles.digest(file));
    }

    @Test
    void theLockLivesBesideTheConfig() {
      assertThat(LockFiles.besideConfig(Path.of("/srv/app/perstack.toml")))
          .isEqualTo(Path.of("/srv/app/perstack.lock"));
      assertThat(LockFiles.besideConfig(Path.of("perstack.toml")))
          .isEqualTo(Path.of("perstack.lock"));
    }
  }

  @Nested
  class ReadingFiles {
    @TempDir Path dir;

    @Test
    void aMissingFileIsAProblemThatSaysToRunInstall() {
      InvalidLockException e =
          catchThrowableOfType(
              InvalidLockException.class, () -> LockFiles.read(dir.resolve("perstack.lock")));

      assertThat(e.getMessage())
          .endsWith(
              "perstack.lock: line 1, column 1: the file does not exist. run `perstack install`"
                  + " to write perstack.lock.");
    }

    @Test
    void aFileThatIsNotUtf8IsAProblem() throws IOException {
      Path file = dir.resolve("perstack.lock");
      Files.write(file, new byte[] {'v', '=', (byte) 0xff});

      InvalidLockException e =
          catchThrowableOfType(
              InvalidLockException.class, () -> LockFiles.read(file, "perstack.lock"));

      assertThat(e.problems())
          .singleElement()
          .extracting(LockProblem::message)
          .isEqualTo("the file is not UTF-8 text");
    }

    @Test
    void namesTheFileAsGiven() throws IOException {
      Path file = dir.resolve("perstack.lock");
      Files.writeString(file, "version = 3\n", StandardCharsets.UTF_8);

      InvalidLockException e =
          catchThrowableOfType(
              InvalidLockException.class, () -> LockFiles.read(file, "app/perstack.lock"));

      assertThat(e.getMessage()).startsWith("app/perstack.lock: line 1, column 1: ");
    }
  }

  static PerstackLock withTime(Instant time) {
    PerstackLock l = lock();
    return new PerstackLock(
        l.version(),
        time,
        l.configPath(),
        l.runtimeVersion(),
        l.provider(),
        l.image(),
        l.packages(),
        l.experts());
  }

  static PerstackLock withPackages(List<LockedPackage> packages) {
    PerstackLock l = lock();
    return new PerstackLock(
        l.version(),
        l.generatedAt(),
        l.configPath(),
        l.runtimeVersion(),
        l.provider(),
        l.image(),
        packages,
        l.experts());
  }

  static PerstackLock withTools(List<LockedToolDefinition> tools) {
    PerstackLock l = lock();
    Map<String, LockedExpert> experts = new LinkedHashMap<>(l.experts());
    LockedExpert r = experts.get("reviewer");
    experts.put(
        "reviewer",
        new LockedExpert(r.key(), r.digest(), r.definition(), r.skillPackages(), tools));
    return new PerstackLock(
        l.version(),
        l.generatedAt(),
        l.configPath(),
        l.runtimeVersion(),
        l.provider(),
        l.image(),
        l.packages(),
        experts);
  }
}

package dev.perstack.lockfile.lock;

import static dev.perstack.lockfile.lock.LockFixtures.FILESYSTEM;
import static dev.perstack.lockfile.lock.LockFixtures.GENERATED_AT;
import static dev.perstack.lockfile.lock.LockFixtures.json;
import static dev.perstack.lockfile.lock.LockFixtures.lock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The records refuse what a lock cannot hold, so a bad lock is never written. */
class LockRecordsTest {

  static PerstackLock lockWith(
      int version, List<LockedPackage> packages, Map<String, LockedExpert> experts) {
    return new PerstackLock(
        version,
        GENERATED_AT,
        "perstack.toml",
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        packages,
        experts);
  }

  @Nested
  class Lock {
    @Test
    void looksUpExpertsAndPackages() {
      PerstackLock lock = lock();

      assertThat(lock.expert("reviewer")).isPresent();
      assertThat(lock.expert("nobody")).isEmpty();
      assertThat(lock.lockedPackage(FILESYSTEM.name())).contains(FILESYSTEM);
      assertThat(lock.lockedPackage("left-pad")).isEmpty();
      assertThat(lock.experts().keySet()).containsExactly("helper", "loner", "reviewer");
    }

    @Test
    void knowsOnlyVersions1And2() {
      assertThatThrownBy(() -> lockWith(3, List.of(), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("1 or 2");
    }

    @Test
    void refusesAPackagePinnedTwice() {
      assertThatThrownBy(() -> lockWith(2, List.of(FILESYSTEM, FILESYSTEM), Map.of()))
          .hasMessageContaining("pinned twice");
    }

    @Test
    void refusesASkillPackageThatIsNotPinned() {
      Map<String, LockedExpert> experts =
          Map.of("reviewer", lock().expert("reviewer").orElseThrow());

      assertThatThrownBy(() -> lockWith(2, List.of(), experts))
          .hasMessageContaining("which the lock does not pin");
    }

    @Test
    void refusesAnExpertFiledUnderAnotherKey() {
      LockedExpert loner = lock().expert("loner").orElseThrow();

      assertThatThrownBy(() -> lockWith(2, List.of(), Map.of("alone", loner)))
          .hasMessageContaining("filed under the key alone");
    }

    @Test
    void refusesUnverifiedExpertsInAVersion2LockAndPinsInAVersion1Lock() {
      LockedExpert unverified =
          new LockedExpert(
              "a", LockedExpert.V1_UNVERIFIED, Map.of("key", "a"), Map.of(), List.of());
      LockedExpert verified = lock().expert("loner").orElseThrow();

      assertThatThrownBy(() -> lockWith(2, List.of(), Map.of("a", unverified)))
          .hasMessageContaining("cannot hold");
      assertThatThrownBy(() -> lockWith(1, List.of(), Map.of("loner", verified)))
          .hasMessageContaining("cannot hold");
      assertThatThrownBy(() -> lockWith(1, List.of(FILESYSTEM), Map.of()))
          .hasMessageContaining("version 1 lock has no");
    }

    @Test
    void refusesATimeTomlCannotWrite() {
      assertThatThrownBy(
              () ->
                  new PerstackLock(
                      2,
                      Instant.parse("+10000-01-01T00:00:00Z"),
                      "perstack.toml",
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      List.of(),
                      Map.of()))
          .hasMessageContaining("0000-9999");
    }
  }

  @Nested
  class Expert {
    @Test
    void refusesADigestThatIsNotTheDefinitions() {
      LockedExpert loner = lock().expert("loner").orElseThrow();

      assertThatThrownBy(
              () ->
                  new LockedExpert(
                      "loner", "sha256:" + "0".repeat(64), loner.definition(), Map.of(), List.of()))
          .hasMessageContaining("hashes to " + loner.digest());
    }

    @Test
    void refusesPackagesAndToolsForSkillsItDoesNotHave() {
      LockedExpert loner = lock().expert("loner").orElseThrow();
      LockedToolDefinition tool =
          LockedToolDefinition.of("fs", "read_file", Optional.empty(), json("{}"));

      assertThatThrownBy(
              () ->
                  new LockedExpert(
                      "loner",
                      loner.digest(),
                      loner.definition(),
                      Map.of("fs", FILESYSTEM.name()),
                      List.of()))
          .hasMessageContaining("does not have");
      assertThatThrownBy(
              () ->
                  new LockedExpert(
                      "loner", loner.digest(), loner.definition(), Map.of(), List.of(tool)))
          .hasMessageContaining("does not have");
    }

    @Test
    void refusesAToolListedTwiceForOneSkill() {
      LockedExpert reviewer = lock().expert("reviewer").orElseThrow();
      LockedToolDefinition tool = reviewer.toolDefinitions().get(0);

      assertThatThrownBy(
              () ->
                  new LockedExpert(
                      "reviewer",
                      reviewer.digest(),
                      reviewer.definition(),
                      reviewer.skillPackages(),
                      List.of(tool, tool)))
          .hasMessageContaining("twice");
    }

    @Test
    void givesTheToolsOfOneSkillInOrder() {
      assertThat(lock().expert("reviewer").orElseThrow().toolsOf("fs"))
          .extracting(LockedToolDefinition::name)
          .containsExactly("read_file", "list_directory");
    }

    @Test
    void holdsAnImmutableSortedCopyOfItsDefinition() {
      LockedExpert loner = lock().expert("loner").orElseThrow();

      assertThat(List.copyOf(loner.definition().keySet())).isSorted();
      assertThatThrownBy(() -> loner.definition().put("x", "y"))
          .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesValuesNoDefinitionTreeHas() {
      assertThatThrownBy(
              () ->
                  new LockedExpert(
                      "a",
                      LockedExpert.V1_UNVERIFIED,
                      Map.of("when", Instant.EPOCH),
                      Map.of(),
                      List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("when");
    }
  }

  @Nested
  class ToolDefinition {
    @Test
    void computesTheSchemaDigestFromTheCanonicalSchema() {
      LockedToolDefinition tool =
          LockedToolDefinition.of(
              "fs", "t", Optional.empty(), json("{ \"type\": \"object\", \"a\": 1 }"));

      assertThat(tool.schemaDigest())
          .isEqualTo(CanonicalJson.sha256("{\"a\":1,\"type\":\"object\"}"));
      assertThat(tool.inputSchemaJson()).isEqualTo("{\"a\":1,\"type\":\"object\"}");
    }

    @Test
    void refusesASchemaDigestThatDoesNotMatch() {
      assertThatThrownBy(
              () ->
                  new LockedToolDefinition(
                      "fs", "t", Optional.empty(), json("{}"), "sha256:" + "0".repeat(64)))
          .hasMessageContaining("hashes to");
    }

    @Test
    void cannotBeChangedThroughTheSchemaItWasGivenOrGivesOut() {
      ObjectNode schema = json("{\"type\":\"object\"}");
      LockedToolDefinition tool = LockedToolDefinition.of("fs", "t", Optional.empty(), schema);

      schema.put("type", "string");
      tool.inputSchema().put("type", "array");

      assertThat(tool.inputSchema()).isEqualTo(json("{\"type\":\"object\"}"));
    }

    @Test
    void equalsTheSameSchemaHoweverItsNumbersWereBuilt() {
      ObjectNode longs = JsonNodeFactory.instance.objectNode().put("maximum", 100L);
      ObjectNode ints = JsonNodeFactory.instance.objectNode().put("maximum", 100);

      assertThat(LockedToolDefinition.of("s", "t", Optional.empty(), longs))
          .isEqualTo(LockedToolDefinition.of("s", "t", Optional.empty(), ints));
    }
  }

  @Nested
  class Package {
    static String integrity(String algorithm, int bytes) {
      return algorithm + "-" + Base64.getEncoder().encodeToString(new byte[bytes]);
    }

    @Test
    void acceptsEveryIntegrityAlgorithmNpmRecords() {
      for (String integrity :
          List.of(
              integrity("sha1", 20),
              integrity("sha256", 32),
              integrity("sha384", 48),
              integrity("sha512", 64))) {
        assertThatCode(
                () ->
                    new LockedPackage(
                        "p", "1.0.0", integrity, "index.js", FILESYSTEM.filesDigest()))
            .as(integrity)
            .doesNotThrowAnyException();
      }
    }

    @ParameterizedTest
    @ValueSource(strings = {"md5-AAAA", "sha512-", "sha512-AAAA", "sha256-!!!!", "sha512-x sha1-y"})
    void refusesOtherIntegrities(String integrity) {
      assertThatThrownBy(
              () ->
                  new LockedPackage("p", "1.0.0", integrity, "index.js", FILESYSTEM.filesDigest()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("integrity of p");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "/abs.js",
          "./index.js",
          "../up.js",
          "dist/../../up.js",
          "dist//a.js",
          "dist\\a.js",
          "dist/"
        })
    void refusesABinThatIsNotAPlainPathInsideThePackage(String bin) {
      assertThatThrownBy(
              () ->
                  new LockedPackage(
                      "p", "1.0.0", FILESYSTEM.integrity(), bin, FILESYSTEM.filesDigest()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bin of p");
    }

    @ParameterizedTest
    @ValueSource(strings = {"^1.0.0", "1.0", "latest", "~1.2.3", "1.0.0 || 2.0.0"})
    void refusesAVersionThatIsNotExact(String version) {
      assertThatThrownBy(
              () ->
                  new LockedPackage(
                      "p", version, FILESYSTEM.integrity(), "a.js", FILESYSTEM.filesDigest()))
          .hasMessageContaining("not an exact version");
    }

    @Test
    void acceptsPrereleaseAndBuildVersions() {
      assertThatCode(
              () ->
                  new LockedPackage(
                      "@s/p",
                      "1.0.0-rc.1+build.5",
                      FILESYSTEM.integrity(),
                      "bin/cli.js",
                      FILESYSTEM.filesDigest()))
          .doesNotThrowAnyException();
    }
  }

  @Nested
  class ImageAndProvider {
    @Test
    void theImageIdAndSkillsDigestAreSha256Digests() {
      assertThatThrownBy(() -> new LockedImage("r", "sha256:abc", "sha256:" + "0".repeat(64)))
          .hasMessageContaining("image id");
      assertThatThrownBy(() -> new LockedImage("r", "sha256:" + "0".repeat(64), "abc"))
          .hasMessageContaining("skillsDigest");
      assertThatThrownBy(
              () -> new LockedImage(" ", "sha256:" + "0".repeat(64), "sha256:" + "0".repeat(64)))
          .hasMessageContaining("reference");
    }

    @Test
    void theProviderHasANameAndAModelWhenOneIsPinned() {
      assertThatThrownBy(() -> new LockedProvider("", Optional.empty()))
          .hasMessageContaining("providerName");
      assertThatThrownBy(() -> new LockedProvider("openai", Optional.of(" ")))
          .hasMessageContaining("model");
    }
  }
}

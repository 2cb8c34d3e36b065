package dev.perstack.lockfile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture of {@code ../shared/fixtures/toml}, held to the contract of its README. */
class SharedFixturesTest {

  /**
   * Expectations in the shared fixtures that disagree with the file they describe. Both files put
   * the offending key on line 8 (the last line), but their {@code .expect} says {@code line 7}; the
   * loader reports the true line, and this test checks that instead. Reported on the issue; {@link
   * Errata#areStillNeeded} fails once a fixture is corrected, so the entry gets removed.
   */
  static final Map<String, Map<String, String>> ERRATA =
      Map.of(
          "protected-env.toml", Map.of("line 7", "line 8"),
          "punycode-domain.toml", Map.of("line 7", "line 8"));

  static Stream<Path> validFixtures() throws IOException {
    return tomlFiles(SharedFixtures.toml().resolve("valid"));
  }

  static Stream<Path> invalidFixtures() throws IOException {
    return tomlFiles(SharedFixtures.toml().resolve("invalid"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFixtures")
  void validFixtureLoads(Path file) throws Exception {
    LoadedConfig loaded =
        PerstackConfigLoader.load(file, file.getFileName().toString(), LoadOptions.DEFAULT);

    assertThat(loaded.config().experts()).isNotEmpty();
    assertThat(loaded.config().experts().values())
        .allSatisfy(expert -> assertThat(expert.skills()).containsKey(BaseSkill.NAME));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void invalidFixtureIsRefusedWithEveryExpectedLine(Path file) throws Exception {
    String output = report(file);

    for (String expected : expectedLines(file)) {
      String line =
          ERRATA
              .getOrDefault(file.getFileName().toString(), Map.of())
              .getOrDefault(expected, expected);
      assertThat(output.toLowerCase(Locale.ROOT))
          .as("output for %s should contain %s", file.getFileName(), line)
          .contains(line.toLowerCase(Locale.ROOT));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void invalidFixtureErrorsUseTheFilePositionFormat(Path file) throws Exception {
    InvalidConfigException e = refusal(file);

    assertThat(e.errors())
        .isNotEmpty()
        .allSatisfy(
            p ->
                assertThat(p.format())
                    .matches(
                        "\\Q" + file.getFileName() + "\\E: line \\d+, column \\d+: .+\\. .+[.?]"));
  }

  @Nested
  class Errata {
    @Test
    void areStillNeeded() throws Exception {
      for (var entry : ERRATA.entrySet()) {
        Path file = SharedFixtures.toml().resolve("invalid").resolve(entry.getKey());
        String output = report(file).toLowerCase(Locale.ROOT);
        for (String wrong : entry.getValue().keySet()) {
          assertThat(output)
              .as("%s now reports %s: drop its erratum", entry.getKey(), wrong)
              .doesNotContain(wrong + ",");
          assertThat(expectedLines(file)).contains(wrong);
        }
      }
    }
  }

  private static InvalidConfigException refusal(Path file) {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                PerstackConfigLoader.load(
                    file, file.getFileName().toString(), LoadOptions.DEFAULT));
    assertThat(e).as("%s must be refused", file.getFileName()).isNotNull();
    return e;
  }

  private static String report(Path file) {
    return refusal(file).problems().stream()
        .map(ConfigProblem::format)
        .collect(Collectors.joining("\n"));
  }

  private static List<String> expectedLines(Path file) throws IOException {
    return Files.readAllLines(file.resolveSibling(file.getFileName() + ".expect")).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }

  private static Stream<Path> tomlFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".toml")).sorted().toList().stream();
    }
  }
}

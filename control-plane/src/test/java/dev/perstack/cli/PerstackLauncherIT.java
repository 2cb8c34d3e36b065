package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real {@code ./perstack} launcher and packaged CLI, as a user runs them. */
class PerstackLauncherIT {

  @Test
  void findsPerstackTomlByWalkingUpFromTheWorkingDirectory(@TempDir Path project) throws Exception {
    Files.writeString(project.resolve("perstack.toml"), "[experts.hello]\ninstruction = \"Hi.\"\n");
    Path deep = Files.createDirectories(project.resolve("src/main/deep"));

    Result result = perstack(deep, "validate");

    assertThat(result.exitCode()).isZero();
    assertThat(result.stdout()).contains("valid, 1 expert (hello)");
    assertThat(result.stderr()).doesNotContain("building");
  }

  @Test
  void validatesEveryExampleStrictly() throws Exception {
    try (Stream<Path> examples = Files.list(SharedFixtures.projectRoot().resolve("examples"))) {
      for (Path example : examples.toList()) {
        Result result = perstack(example, "validate", "--strict");
        assertThat(result.exitCode()).as(example + ": " + result.stderr()).isZero();
      }
    }
  }

  static Stream<Path> invalidFixtures() throws IOException {
    try (Stream<Path> files = Files.list(SharedFixtures.toml().resolve("invalid"))) {
      return files.filter(f -> f.toString().endsWith(".toml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void refusesEachInvalidFixtureWithExitCode1AndItsExpectedLines(Path fixture) throws Exception {
    Result result = perstack(fixture.getParent(), "validate", "--config", fixture.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    List<String> expected =
        Files.readAllLines(fixture.resolveSibling(fixture.getFileName() + ".expect"));
    for (String line : expected) {
      if (line.isBlank() || isKnownErratum(fixture, line)) {
        continue;
      }
      assertThat(result.stderr().toLowerCase(Locale.ROOT)).contains(line.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * See {@code SharedFixturesTest.ERRATA} in the lockfile module: two .expect lines are off by one.
   */
  private static boolean isKnownErratum(Path fixture, String line) {
    String name = fixture.getFileName().toString();
    return line.equals("line 7")
        && (name.equals("protected-env.toml") || name.equals("punycode-domain.toml"));
  }

  private static Result perstack(Path workingDirectory, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(SharedFixtures.projectRoot().resolve("perstack").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("perstack finished").isTrue();
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String stdout, String stderr) {}

  @Test
  void runPrintsItsEventsInUtf8EvenInThePosixLocale(@TempDir Path project) throws Exception {
    Files.writeString(
        project.resolve("perstack.toml"),
        "runtime = \"local\"\n[experts.\"greeter\"]\ninstruction = \"Greet.\"\n");
    String greeting = "caf\u00e9 \u65e5\u672c \ud83d\ude00";
    Files.writeString(
        project.resolve("cassette.jsonl"),
        "{\"response\":{\"contents\":[{\"type\":\"textPart\",\"id\":\"p-1\",\"text\":\""
            + greeting
            + "\"}],\"finishReason\":\"stop\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,"
            + "\"reasoningTokens\":0,\"totalTokens\":2,\"cachedInputTokens\":0}}}\n",
        StandardCharsets.UTF_8);

    // The C locale makes the JVM's default charset ASCII: a character writer would print '?'.
    Launcher.Result run =
        Launcher.run(
            project,
            Map.of("LC_ALL", "C", "PERSTACK_HOME", project.resolve("home").toString()),
            List.of("LANG", "LANGUAGE", "LC_CTYPE"),
            "run",
            "--model-cassette",
            "cassette.jsonl",
            "greeter",
            "hello");

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout().lines().filter(line -> line.contains("\"completeRun\"")))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(greeting);
  }
}

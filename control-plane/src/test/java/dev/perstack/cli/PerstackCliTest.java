package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerstackCliTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Nested
  class Help {
    @Test
    void showsExamplesAndDocumentsTheExitCodes() {
      CliRun run = CliRun.of("--help");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out())
          .contains("Examples:", "perstack validate", "Exit codes:", "2  usage error");
    }

    @Test
    void printsTheVersion() {
      CliRun run = CliRun.of("--version");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).startsWith("perstack ").doesNotContain("${project.version}");
    }

    @Test
    void answersAnUnknownOptionWithExitCode2() {
      CliRun run = CliRun.of("validate", "--no-such-option");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void answersAnUnknownCommandWithExitCode2() {
      assertThat(CliRun.of("frobnicate").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
  }

  @Nested
  class Validate {
    @Test
    void acceptsAValidFileWithExitCode0() {
      CliRun run = CliRun.of("validate", "--config", fixture("valid/everything.toml").toString());

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("valid, 3 experts");
    }

    @Test
    void refusesAnInvalidFileWithExitCode1AndPositionsOnStderr() {
      CliRun run =
          CliRun.of("validate", "--config", fixture("invalid/undefined-delegate.toml").toString());

      assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err())
          .contains("undefined-delegate.toml: line 3, column 14: delegate `helper`");
      assertThat(run.out()).isEmpty();
    }

    @Test
    void strictFailsOnWarnings() {
      Path file = fixture("valid/front-page.toml");

      assertThat(CliRun.of("validate", "--config", file.toString()).exitCode()).isZero();
      assertThat(CliRun.of("validate", "--strict", "--config", file.toString()).exitCode())
          .isEqualTo(1);
    }

    @Test
    void reportsJsonForTools() throws IOException {
      CliRun run =
          CliRun.of(
              "validate",
              "--format",
              "json",
              "--config",
              fixture("invalid/package-and-args.toml").toString());

      JsonNode report = JSON.readTree(run.out());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(report.get("valid").asBoolean()).isFalse();
      JsonNode error = report.get("errors").get(0);
      assertThat(error.get("line").asInt()).isEqualTo(4);
      assertThat(error.get("column").asInt()).isEqualTo(1);
      assertThat(error.get("field").asText()).isEqualTo("experts.a.skills.fs");
      assertThat(error.get("expert").asText()).isEqualTo("a");
    }

    @Test
    void acceptsADirectoryAsConfig(@TempDir Path dir) throws IOException {
      Files.writeString(dir.resolve("perstack.toml"), "[experts.a]\ninstruction = \"x\"\n");

      assertThat(CliRun.of("validate", "--config", dir.toString()).exitCode()).isZero();
    }

    @Test
    void saysWhatToDoWhenTheFileDoesNotExist(@TempDir Path dir) {
      CliRun run = CliRun.of("validate", "--config", dir.resolve("nope.toml").toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).contains("nope.toml: line 1, column 1: the file does not exist");
    }

    @Test
    void writesNothingWhileValidatingAnyFixture(@TempDir Path dir) throws IOException {
      copyFixtures(dir);
      Map<String, FileTime> before = snapshot(dir);

      try (Stream<Path> files = Files.list(dir)) {
        files.forEach(f -> CliRun.of("validate", "--config", f.toString()));
      }

      assertThat(snapshot(dir)).isEqualTo(before);
    }
  }

  @Nested
  class Schema {
    @Test
    void printsAJsonSchemaOfDraft202012() throws IOException {
      CliRun run = CliRun.of("schema");

      JsonNode schema = JSON.readTree(run.out());
      assertThat(run.exitCode()).isZero();
      assertThat(schema.get("$schema").asText())
          .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
  }

  @Nested
  class Completion {
    @Test
    void generatesABashScriptThatKnowsTheCommands() {
      CliRun run = CliRun.of("completion", "bash");

      assertThat(run.exitCode()).isZero();
      assertThat(run.out()).contains("complete -F", "validate", "schema", "--strict");
    }

    @Test
    void refusesAnUnknownShellAsAUsageError() {
      assertThat(CliRun.of("completion", "tcsh").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
  }

  private static Path fixture(String relative) {
    return SharedFixtures.toml().resolve(relative);
  }

  private static void copyFixtures(Path dir) throws IOException {
    for (String kind : new String[] {"valid", "invalid"}) {
      try (Stream<Path> files = Files.list(SharedFixtures.toml().resolve(kind))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".toml")).toList()) {
          Files.copy(f, dir.resolve(kind + "-" + f.getFileName()));
        }
      }
    }
  }

  private static Map<String, FileTime> snapshot(Path dir) throws IOException {
    Map<String, FileTime> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        files.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return files;
  }
}

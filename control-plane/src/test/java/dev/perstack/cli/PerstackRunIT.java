package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.testsupport.SharedFixtures;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./perstack run} end to end, as a user runs it: the real launcher, the service mode, a
 * Docker container per job, and a model behind the OpenAI wire format (the scripted model server),
 * with the key held by the control plane only. The printed events must be the stored ones.
 */
class PerstackRunIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;

  @Test
  void runsAnExpertInDockerAndPrintsExactlyTheEventsItStores() throws Exception {
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      model.enqueue(
          Reply.toolCall("call_1", "writeTextFile", "{\"path\":\"greeting.txt\",\"text\":\"Hi!\"}"),
          Reply.text("I wrote greeting.txt."));
      Files.writeString(
          project.resolve("perstack.toml"),
          """
          model = "gpt-test"
          [provider]
          providerName = "openai"
          [provider.setting]
          baseUrl = "%s/v1"
          [experts."hello"]
          instruction = "Greet the user in greeting.txt."
          """
              .formatted(model.baseUrl()));
      Path workspace = Files.createDirectories(project.resolve("ws"));

      Result run =
          perstack(
              Map.of("OPENAI_API_KEY", "sk-it-secret"),
              "run",
              "--runtime",
              "docker",
              "--workspace",
              workspace.toString(),
              "hello",
              "Say hi");

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(Files.readString(workspace.resolve("greeting.txt"))).isEqualTo("Hi!");
      assertThat(model.takeRequest().header("authorization")).contains("Bearer sk-it-secret");
      List<String> printed = run.stdout().lines().toList();
      assertThat(printed).anySatisfy(l -> assertThat(l).contains("\"type\":\"completeRun\""));
      assertThat(String.join("\n", printed)).doesNotContain("sk-it-secret");
      String jobId = JSON.readTree(printed.get(0)).get("jobId").asText();

      Result log = perstack(Map.of(), "log", "--job", jobId, "--json");

      assertThat(log.exitCode()).as(log.stderr()).isZero();
      assertThat(normalized(log.stdout())).isEqualTo(normalized(run.stdout()));
    }
  }

  /** The events as JSON trees, so that key order or spacing cannot make equal events differ. */
  private static List<JsonNode> normalized(String lines) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (String line : lines.lines().filter(l -> !l.isBlank()).toList()) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private Result perstack(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(SharedFixtures.projectRoot().resolve("perstack").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().putAll(env);
    Path out = project.resolve("stdout-" + args[0]);
    Path err = project.resolve("stderr-" + args[0]);
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(600, TimeUnit.SECONDS))
        .as("perstack " + args[0] + " finished")
        .isTrue();
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  record Result(int exitCode, String stdout, String stderr) {}
}

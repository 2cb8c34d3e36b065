package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

      Launcher.Result run =
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

      Launcher.Result log = perstack(Map.of(), "log", "--job", jobId, "--json");

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

  private Launcher.Result perstack(Map<String, String> env, String... args) throws Exception {
    return Launcher.run(project, env, args);
  }
}

package dev.perstack.agent;

import static dev.perstack.agent.ScriptedModel.call;
import static dev.perstack.agent.ScriptedModel.text;
import static dev.perstack.agent.ScriptedModel.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.agent.mcp.NpmServers;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.ResolveToolResults;
import dev.perstack.protocol.event.RunEvent;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as its own process, over a real Unix socket, running a multi-step job that uses a real
 * MCP server from npm and delegates to another expert.
 */
class AgentProcessTest {
  @TempDir Path socketDir;
  @TempDir Path workspace;

  @Test
  void runsAJobWithARealMcpServerAndADelegateAsAPlainLocalProcess() throws Exception {
    Files.writeString(workspace.resolve("notes.txt"), "The launch is on Friday.");
    McpStdioSkillSpec filesystem =
        new McpStdioSkillSpec(
            "fs",
            Optional.empty(),
            Optional.of("Only read files."),
            List.of("read_text_file", "list_directory"),
            List.of(),
            NpmServers.node(),
            Optional.empty(),
            List.of(NpmServers.entry(NpmServers.FILESYSTEM).toString(), workspace.toString()),
            List.of(),
            List.of(),
            false);
    ExpertSpec lead = Jobs.expert("lead", List.of("helper"), filesystem);
    ScriptedModel model =
        new ScriptedModel()
            .then(
                "lead",
                toolCalls(
                    call(
                        "read_text_file", "{\"path\":\"" + workspace.resolve("notes.txt") + "\"}")))
            .then("lead", toolCalls(call("helper", "{\"query\":\"Say when the launch is.\"}")))
            .then("helper", text("Friday."))
            .then("lead", text("The launch is on Friday."));

    try (FakeControlPlane controlPlane =
        new FakeControlPlane(
            socketDir,
            Jobs.job(
                "lead", "When is the launch?", Jobs.LIMITS, lead, Jobs.expert("helper", List.of())),
            model)) {
      ProcessBuilder agent =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              "dev.perstack.agent.AgentMain");
      agent.environment().clear();
      agent.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      agent.environment().put("PERSTACK_SOCKET", controlPlane.address().getPath().toString());
      agent.environment().put("PERSTACK_JOB_TOKEN", controlPlane.token());
      agent.environment().put("PERSTACK_WORKSPACE", workspace.toString());
      agent.redirectErrorStream(true).redirectOutput(socketDir.resolve("agent.log").toFile());
      Process process = agent.start();
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the agent finished").isTrue();
      controlPlane.awaitClose(Duration.ofSeconds(10));

      assertThat(process.exitValue()).as(Files.readString(socketDir.resolve("agent.log"))).isZero();
      List<PerstackEvent> events = controlPlane.events();
      assertThat(events)
          .extracting(PerstackEvent::type)
          .contains("skillStarting", "skillConnected")
          .containsSubsequence(
              "callTools",
              "resolveToolResults",
              "continueToNextStep",
              "callTools",
              "callDelegate",
              "stopRunByDelegate",
              "completeRun",
              "finishAllToolCalls",
              "completeRun");
      ResolveToolResults read =
          events.stream()
              .filter(ResolveToolResults.class::isInstance)
              .map(ResolveToolResults.class::cast)
              .findFirst()
              .orElseThrow();
      assertThat(read.toolResults().get(0).skillName()).isEqualTo("fs");
      assertThat(read.toolResults().get(0).result().toString())
          .contains("The launch is on Friday.");
      assertThat(model.requests().get(0).tools())
          .extracting(t -> t.name())
          .contains("read_text_file", "list_directory", "helper")
          .doesNotContain("write_file");
      assertThat(model.requests().get(0).messages().get(0).toString()).contains("Only read files.");
      assertThat(
              events.stream()
                  .filter(e -> e instanceof RunEvent r && r.expertKey().equals("helper"))
                  .map(PerstackEvent::type))
          .containsExactly("startRun", "startGeneration", "completeRun");
      assertThat(controlPlane.checkpoints())
          .extracting(Checkpoint::stepNumber)
          .isSorted()
          .contains(1, 2, 3);
    }
  }
}

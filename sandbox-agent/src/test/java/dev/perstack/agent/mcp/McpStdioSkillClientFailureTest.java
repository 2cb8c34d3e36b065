package dev.perstack.agent.mcp;

import static dev.perstack.agent.mcp.McpStdioSkillClientTest.args;
import static dev.perstack.agent.mcp.McpStdioSkillClientTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stdio client against the test's own server script, which can report its environment, crash
 * and misbehave on demand.
 */
class McpStdioSkillClientFailureTest {
  /** Far longer than any test here may take: a test that waits for it has failed. */
  static final McpClientOptions LONG_TIMEOUTS =
      new McpClientOptions(Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(2));

  @TempDir Path workspace;
  final RecordingEvents events = new RecordingEvents();
  final List<McpStdioSkillClient> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(McpStdioSkillClient::close);
  }

  static McpStdioSkillSpec fake(List<String> requiredEnv, boolean lazy) {
    return new McpStdioSkillSpec(
        "fake",
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        NpmServers.node(),
        Optional.empty(),
        List.of(NpmServers.fakeServer().toString()),
        requiredEnv,
        List.of(),
        lazy);
  }

  McpStdioSkillClient client(
      McpStdioSkillSpec spec, Map<String, String> granted, McpClientOptions options)
      throws SkillException {
    McpStdioSkillClient client =
        new McpStdioSkillClient(spec, granted, NpmServers.baseEnv(), workspace, events, options);
    clients.add(client);
    return client;
  }

  McpStdioSkillClient started() throws SkillException {
    McpStdioSkillClient client = client(fake(List.of(), false), Map.of(), LONG_TIMEOUTS);
    client.start();
    return client;
  }

  @Nested
  class Environment {
    @Test
    void theServerSeesExactlyTheBaseVariablesAndItsRequiredEnvAndRunsInTheWorkspace()
        throws Exception {
      Map<String, String> base =
          Map.of(
              "PATH", System.getenv("PATH"),
              "HOME", "/home/sandbox",
              "AWS_SECRET_ACCESS_KEY", "must-not-pass",
              "DATABASE_URL", "must-not-pass");
      Map<String, String> granted = Map.of("API_TOKEN", "t0k3n", "OTHER_SECRET", "not-required");
      McpStdioSkillClient client =
          new McpStdioSkillClient(
              fake(List.of("API_TOKEN"), false), granted, base, workspace, events, LONG_TIMEOUTS);
      clients.add(client);
      client.start();

      JsonNode reported =
          McpStdioSkillClientTest.JSON.readTree(text(client.call("env", args("{}"))));

      Map<String, String> env =
          McpStdioSkillClientTest.JSON.convertValue(reported.get("env"), Map.class);
      assertThat(env)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of("PATH", System.getenv("PATH"), "HOME", "/home/sandbox", "API_TOKEN", "t0k3n"));
      assertThat(Path.of(reported.get("cwd").asText()).toRealPath())
          .isEqualTo(workspace.toRealPath());
      assertThat(client.environment()).isEqualTo(env);
    }

    @Test
    void aMissingRequiredVariableIsASkillExceptionNamingItAndTheSkill() {
      assertThatThrownBy(
              () -> client(fake(List.of("GITHUB_TOKEN"), false), Map.of(), LONG_TIMEOUTS))
          .isInstanceOf(SkillException.class)
          .hasMessageContaining("skill fake")
          .hasMessageContaining("GITHUB_TOKEN");
      assertThat(events.all()).isEmpty();
    }
  }

  @Nested
  class WhenTheServerDies {
    @Test
    void aPendingCallFailsAtOnceWithTheExitCode() throws Exception {
      McpStdioSkillClient client = started();
      long begin = System.nanoTime();

      assertThatThrownBy(() -> client.call("crash", args("{\"delayMs\":300}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessage("the MCP server fake exited with code 3 while crash was running");

      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
      assertThat(events.types()).containsOnlyOnce("skillDisconnected");
      assertThat(events.stderrLines()).contains("crashing on purpose");
    }

    @Test
    void everyPendingCallFailsAndLaterCallsFailFast() throws Exception {
      McpStdioSkillClient client = started();
      List<CompletableFuture<List<ToolResultContent>>> slow = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        slow.add(
            CompletableFuture.supplyAsync(() -> callUnchecked(client, "slow", "{\"ms\":30000}")));
      }
      Thread.sleep(300);
      long begin = System.nanoTime();

      assertThatThrownBy(() -> client.call("crash", args("{\"code\":5}")))
          .hasMessageContaining("exited with code 5");

      for (CompletableFuture<List<ToolResultContent>> call : slow) {
        assertThatThrownBy(() -> call.get(5, TimeUnit.SECONDS))
            .isInstanceOf(ExecutionException.class)
            .cause()
            .hasMessageContaining("exited with code 5 while slow was running");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
      assertThatThrownBy(() -> client.call("env", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("no longer running")
          .hasMessageContaining("exited with code 5");
      assertThat(client.isRunning()).isFalse();
    }

    @Test
    void aServerSendingAnOversizedMessageIsStoppedAndThePendingCallFails() throws Exception {
      McpStdioSkillClient client = started();

      assertThatThrownBy(() -> client.call("flood", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("while flood was running");

      assertThat(events.stderrLines())
          .anySatisfy(line -> assertThat(line).contains("sent a message over 16777216 characters"));
    }

    @Test
    void aServerThatExitsWhileStartingFailsTheStartWithItsLastStderrLines() throws Exception {
      McpStdioSkillClient client =
          client(
              fake(List.of("FAKE_MODE"), false),
              Map.of("FAKE_MODE", "exit-at-start"),
              LONG_TIMEOUTS);
      long begin = System.nanoTime();

      assertThatThrownBy(client::start)
          .isInstanceOf(SkillException.class)
          .hasMessageContaining("exited with code 7 during initialize")
          .hasMessageContaining("bad configuration: FAKE_MODE=exit-at-start");

      assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
      assertThatThrownBy(client::tools).isInstanceOf(SkillException.class);
    }

    private List<ToolResultContent> callUnchecked(
        McpStdioSkillClient client, String tool, String json) {
      try {
        return client.call(tool, args(json));
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }

  @Nested
  class Results {
    @Test
    void anIsErrorResultIsAToolCallExceptionWithItsText() throws Exception {
      McpStdioSkillClient client = started();

      assertThatThrownBy(() -> client.call("fail", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessage("it broke: disk full");
    }

    @Test
    void embeddedResourcesBecomeFilesAndTextAudioAndLinksAreDropped() throws Exception {
      McpStdioSkillClient client = started();

      List<ToolResultContent> parts = client.call("mixed", args("{}"));

      assertThat(parts).hasSize(2);
      assertThat(parts.get(0))
          .isInstanceOfSatisfying(
              FileInlinePart.class,
              f -> {
                assertThat(f.mimeType()).isEqualTo("application/pdf");
                assertThat(f.encodedData()).isEqualTo("JVBERi0=");
              });
      assertThat(parts.get(1))
          .isInstanceOfSatisfying(
              TextPart.class, t -> assertThat(t.text()).isEqualTo("embedded text"));
    }

    @Test
    void anEmptyResultSaysSoWithTheArguments() throws Exception {
      McpStdioSkillClient client = started();

      assertThat(text(client.call("empty", args("{\"a\":1}"))))
          .isEqualTo("Tool empty returned nothing with arguments: {\"a\":1}");
    }

    @Test
    void aCallPastItsTimeoutFailsAndTheServerStaysUsable() throws Exception {
      McpStdioSkillClient client =
          client(
              fake(List.of(), false),
              Map.of(),
              LONG_TIMEOUTS.withCallTimeout(Duration.ofMillis(500)));
      client.start();

      assertThatThrownBy(() -> client.call("slow", args("{\"ms\":5000}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessage("the MCP server fake did not answer slow within 500 ms");
      assertThat(text(client.call("slow", args("{\"ms\":10}")))).isEqualTo("done");
    }

    @Test
    void stderrLinesBecomeEventsInOrder() throws Exception {
      McpStdioSkillClient client = started();

      client.call("stderr", args("{\"lines\":[\"first\",\"second\",\"third\"]}"));

      waitFor(() -> events.stderrLines().contains("third"));
      assertThat(events.stderrLines())
          .containsSubsequence("fake server starting", "first", "second", "third");
    }
  }

  @Nested
  class Starting {
    @Test
    void aLazySkillStartsOnItsFirstCall() throws Exception {
      McpStdioSkillClient client = client(fake(List.of(), true), Map.of(), LONG_TIMEOUTS);

      client.start();

      assertThat(client.isRunning()).isFalse();
      assertThat(events.all()).isEmpty();

      assertThat(text(client.call("slow", args("{\"ms\":1}")))).isEqualTo("done");

      assertThat(client.isRunning()).isTrue();
      assertThat(events.types()).startsWith("skillStarting").contains("skillConnected");
    }

    @Test
    void aLazySkillStartsWhenItsToolsAreAskedFor() throws Exception {
      McpStdioSkillClient client = client(fake(List.of(), true), Map.of(), LONG_TIMEOUTS);
      client.start();

      assertThat(client.tools()).hasSize(8);
      assertThat(client.isRunning()).isTrue();
    }

    @Test
    void startIsIdempotent() throws Exception {
      McpStdioSkillClient client = started();

      client.start();

      assertThat(events.types()).containsOnlyOnce("skillStarting");
    }

    @Test
    void aCommandThatDoesNotExistFailsTheStart() throws Exception {
      McpStdioSkillSpec spec =
          McpStdioSkillClientTest.spec("missing", "no-such-mcp-server-binary", List.of("x"));
      McpStdioSkillClient client = client(spec, Map.of(), LONG_TIMEOUTS);

      assertThatThrownBy(client::start)
          .isInstanceOf(SkillException.class)
          .hasMessageContaining("cannot start `no-such-mcp-server-binary x`");
      assertThatThrownBy(() -> client.call("x", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("cannot start");
    }

    @Test
    void closingASkillThatNeverStartedReportsNothing() throws Exception {
      McpStdioSkillClient client = client(fake(List.of(), true), Map.of(), LONG_TIMEOUTS);

      client.close();

      assertThat(events.all()).isEmpty();
    }
  }

  /** Stderr arrives on its own thread, a moment after the answer. */
  private static void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }
}

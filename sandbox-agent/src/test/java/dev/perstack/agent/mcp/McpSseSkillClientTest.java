package dev.perstack.agent.mcp;

import static dev.perstack.agent.mcp.McpStdioSkillClientTest.args;
import static dev.perstack.agent.mcp.McpStdioSkillClientTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.agent.mcp.McpSseSkillClient.AddressPolicy;
import dev.perstack.agent.mcp.McpSseSkillClient.Transport;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.job.McpSseSkillSpec;
import dev.perstack.protocol.message.ImageInlinePart;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP client against server-everything in its streamable HTTP and SSE modes on localhost. */
class McpSseSkillClientTest {
  static final McpClientOptions OPTIONS =
      new McpClientOptions(Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(2));

  @TempDir Path workspace;
  final RecordingEvents events = new RecordingEvents();
  Process server;
  McpSseSkillClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.descendants().forEach(ProcessHandle::destroyForcibly);
      server.destroyForcibly();
    }
  }

  /** Starts server-everything in {@code mode} on a free port and returns that port. */
  int startEverything(String mode) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(NpmServers.command(NpmServers.EVERYTHING, mode))
            .directory(workspace.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workspace.resolve("server.log").toFile());
    builder.environment().clear();
    builder.environment().putAll(NpmServers.baseEnv());
    builder.environment().put("PORT", Integer.toString(port));
    server = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return port;
      } catch (IOException notYet) {
        assertThat(server.isAlive()).as("server-everything %s exited", mode).isTrue();
        Thread.sleep(50);
      }
    }
    throw new AssertionError("server-everything " + mode + " did not listen on " + port);
  }

  McpSseSkillClient localClient(String url) {
    client =
        new McpSseSkillClient(
            "remote", URI.create(url), events, OPTIONS, AddressPolicy.ALLOW_PRIVATE_FOR_TESTS);
    return client;
  }

  @Nested
  class StreamableHttp {
    @Test
    void connectsListsThirteenToolsAndCallsThem() throws Exception {
      int port = startEverything("streamableHttp");
      McpSseSkillClient remote = localClient("http://127.0.0.1:" + port + "/mcp");

      remote.start();

      assertThat(remote.transport()).contains(Transport.STREAMABLE_HTTP);
      assertThat(remote.tools()).hasSize(13);
      assertThat(text(remote.call("echo", args("{\"message\":\"over http\"}"))))
          .isEqualTo("Echo: over http");
      assertThat(remote.call("get-tiny-image", args("{}")))
          .anySatisfy(p -> assertThat(p).isInstanceOf(ImageInlinePart.class));
      var durations = events.connected().durations();
      assertThat(durations.spawnMs()).isEmpty();
      assertThat(durations.handshakeMs()).isPresent();
      assertThat(durations.toolDiscoveryMs()).isPresent();
      System.out.printf(
          "server-everything over streamable HTTP: initialize %d ms, tools/list %d ms%n",
          durations.handshakeMs().getAsLong(), durations.toolDiscoveryMs().getAsLong());
    }

    @Test
    void reportsDisconnectedOnCloseAndRefusesLaterCalls() throws Exception {
      int port = startEverything("streamableHttp");
      McpSseSkillClient remote = localClient("http://127.0.0.1:" + port + "/mcp");
      remote.start();

      remote.close();

      assertThat(events.types()).endsWith("skillDisconnected");
      assertThatThrownBy(() -> remote.call("echo", args("{\"message\":\"x\"}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("closed");
    }
  }

  @Nested
  class LegacySse {
    @Test
    void fallsBackToSseWhenTheServerDoesNotSpeakStreamableHttp() throws Exception {
      int port = startEverything("sse");
      McpSseSkillClient remote = localClient("http://127.0.0.1:" + port + "/sse");

      remote.start();

      assertThat(remote.transport()).contains(Transport.SSE);
      assertThat(remote.tools()).hasSize(13);
      assertThat(text(remote.call("echo", args("{\"message\":\"over sse\"}"))))
          .isEqualTo("Echo: over sse");
    }

    @Test
    void saysWhyBothTransportsFailedWhenNothingListens() throws Exception {
      int port;
      try (ServerSocket probe = new ServerSocket(0)) {
        port = probe.getLocalPort();
      }
      McpSseSkillClient remote = localClient("http://127.0.0.1:" + port + "/mcp");

      assertThatThrownBy(remote::start)
          .isInstanceOf(SkillException.class)
          .hasMessageContaining("over streamable HTTP")
          .hasMessageContaining("nor over SSE");
    }
  }

  @Nested
  class AddressGuard {
    @Test
    void refusesAnEndpointOnLocalhostWithoutTheTestSwitch() throws Exception {
      int port = startEverything("streamableHttp");
      client =
          new McpSseSkillClient(
              "remote",
              URI.create("https://localhost:" + port + "/mcp"),
              events,
              OPTIONS,
              AddressPolicy.PUBLIC_ONLY);

      assertThatThrownBy(client::start)
          .isInstanceOf(SkillException.class)
          .hasMessageContaining("loopback")
          .hasMessageContaining("public addresses");
      assertThatThrownBy(() -> client.call("echo", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("loopback");
      assertThat(events.all()).isEmpty();
    }

    @Test
    void aJobsSkillSpecGetsTheGuard() {
      McpSseSkillSpec spec =
          new McpSseSkillSpec(
              "remote",
              Optional.empty(),
              Optional.empty(),
              List.of(),
              List.of(),
              "https://127.0.0.1:8443/mcp",
              List.of());
      client = new McpSseSkillClient(spec, events, OPTIONS);

      assertThatThrownBy(client::start)
          .isInstanceOf(SkillException.class)
          .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
    }

    @Test
    void refusesPlainHttpUnlessPrivateAddressesAreAllowed() {
      assertThatThrownBy(
              () ->
                  new McpSseSkillClient(
                      "remote",
                      URI.create("http://example.com/mcp"),
                      events,
                      OPTIONS,
                      AddressPolicy.PUBLIC_ONLY))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be https");
    }
  }
}

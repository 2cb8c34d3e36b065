package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stdio client against real MCP servers from npm. */
class McpStdioSkillClientTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path workspace;
  final RecordingEvents events = new RecordingEvents();
  McpStdioSkillClient client;

  @AfterEach
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  static McpStdioSkillSpec spec(String name, String command, List<String> args) {
    return new McpStdioSkillSpec(
        name,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        command,
        Optional.empty(),
        args,
        List.of(),
        List.of(),
        false);
  }

  static ObjectNode args(String json) throws Exception {
    return (ObjectNode) JSON.readTree(json);
  }

  static List<String> names(List<ToolDefinition> tools) {
    return tools.stream().map(ToolDefinition::name).toList();
  }

  static String text(List<ToolResultContent> parts) {
    return parts.stream()
        .filter(TextPart.class::isInstance)
        .map(p -> ((TextPart) p).text())
        .reduce("", (a, b) -> a + b);
  }

  McpStdioSkillClient client(McpStdioSkillSpec spec, Path directory) throws Exception {
    client =
        new McpStdioSkillClient(
            spec, Map.of(), NpmServers.baseEnv(), directory, events, McpClientOptions.DEFAULTS);
    return client;
  }

  @Nested
  class FilesystemServer {
    McpStdioSkillClient filesystem() throws Exception {
      List<String> line = NpmServers.command(NpmServers.FILESYSTEM, workspace.toString());
      return client(spec("fs", line.get(0), line.subList(1, line.size())), workspace);
    }

    @Test
    void listsItsFourteenTools() throws Exception {
      McpStdioSkillClient fs = filesystem();
      fs.start();

      List<ToolDefinition> tools = fs.tools();

      assertThat(tools).hasSize(14);
      assertThat(names(tools)).contains("read_text_file", "write_file", "list_directory");
      assertThat(tools.get(0).inputSchema().path("type").asText()).isEqualTo("object");
    }

    @Test
    void readsAFileInTheWorkspace() throws Exception {
      Path file = Files.writeString(workspace.resolve("notes.txt"), "hello from the workspace");
      McpStdioSkillClient fs = filesystem();
      fs.start();

      List<ToolResultContent> parts =
          fs.call("read_text_file", args("{\"path\":\"" + file + "\"}"));

      assertThat(text(parts)).isEqualTo("hello from the workspace");
    }

    @Test
    void turnsAToolErrorIntoAToolCallExceptionWithTheServersText() throws Exception {
      McpStdioSkillClient fs = filesystem();
      fs.start();

      assertThatThrownBy(() -> fs.call("read_text_file", args("{\"path\":\"/etc/hostname\"}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("Access denied");
    }

    @Test
    void reportsStartingAndConnectedWithEveryDuration() throws Exception {
      McpStdioSkillClient fs = filesystem();
      fs.start();

      assertThat(events.types()).startsWith("skillStarting").contains("skillConnected");
      assertThat(events.starting().command()).endsWith("node");
      assertThat(events.starting().args()).endsWith(workspace.toString());
      RecordingEvents.Connected connected = events.connected();
      assertThat(connected.serverName()).isPresent();
      var d = connected.durations();
      assertThat(d.spawnMs()).isPresent();
      assertThat(d.handshakeMs()).isPresent();
      assertThat(d.toolDiscoveryMs()).isPresent();
      assertThat(d.connectMs().getAsLong())
          .isEqualTo(d.spawnMs().getAsLong() + d.handshakeMs().getAsLong());
      assertThat(d.totalMs().getAsLong()).isGreaterThanOrEqualTo(d.connectMs().getAsLong());
      System.out.printf(
          "server-filesystem: spawn %d ms, initialize %d ms, tools/list %d ms, total %d ms%n",
          d.spawnMs().getAsLong(),
          d.handshakeMs().getAsLong(),
          d.toolDiscoveryMs().getAsLong(),
          d.totalMs().getAsLong());
    }

    @Test
    void closingEndsTheServerAndReportsDisconnectedOnce() throws Exception {
      McpStdioSkillClient fs = filesystem();
      fs.start();
      assertThat(fs.isRunning()).isTrue();

      fs.close();
      fs.close();

      assertThat(fs.isRunning()).isFalse();
      assertThat(events.types())
          .containsOnlyOnce("skillDisconnected")
          .endsWith("skillDisconnected");
      assertThatThrownBy(() -> fs.call("list_allowed_directories", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("closed");
    }
  }

  @Nested
  class EverythingServer {
    McpStdioSkillClient everything() throws Exception {
      List<String> line = NpmServers.command(NpmServers.EVERYTHING, "stdio");
      return client(spec("everything", line.get(0), line.subList(1, line.size())), workspace);
    }

    @Test
    void listsItsThirteenTools() throws Exception {
      McpStdioSkillClient everything = everything();
      everything.start();

      assertThat(everything.tools()).hasSize(13);
      assertThat(names(everything.tools())).contains("echo", "get-tiny-image", "get-env");
      var d = events.connected().durations();
      System.out.printf(
          "server-everything: spawn %d ms, initialize %d ms, tools/list %d ms, total %d ms%n",
          d.spawnMs().getAsLong(),
          d.handshakeMs().getAsLong(),
          d.toolDiscoveryMs().getAsLong(),
          d.totalMs().getAsLong());
    }

    @Test
    void echoes() throws Exception {
      McpStdioSkillClient everything = everything();
      everything.start();

      assertThat(text(everything.call("echo", args("{\"message\":\"hi there\"}"))))
          .isEqualTo("Echo: hi there");
    }

    @Test
    void returnsAnImageAsAnInlineImagePart() throws Exception {
      McpStdioSkillClient everything = everything();
      everything.start();

      List<ToolResultContent> parts = everything.call("get-tiny-image", args("{}"));

      assertThat(parts)
          .filteredOn(ImageInlinePart.class::isInstance)
          .singleElement()
          .satisfies(
              p -> {
                ImageInlinePart image = (ImageInlinePart) p;
                assertThat(image.mimeType()).isEqualTo("image/png");
                assertThat(image.encodedData()).isNotBlank();
              });
    }

    @Test
    void turnsEachStderrLineIntoAnEvent() throws Exception {
      McpStdioSkillClient everything = everything();
      everything.start();

      assertThat(events.stderrLines()).contains("Starting default (STDIO) server...");
    }

    @Test
    void failsAnUnknownToolWithTheServersMessage() throws Exception {
      McpStdioSkillClient everything = everything();
      everything.start();

      assertThatThrownBy(() -> everything.call("no-such-tool", args("{}")))
          .isInstanceOf(ToolCallException.class)
          .hasMessageContaining("no-such-tool");
    }
  }

  @Nested
  class ThroughNpx {
    @Test
    void runsAPackageNameWithNpxAndEndsItsWholeProcessTree() throws Exception {
      Path cache = NpmServers.cache();
      McpStdioSkillSpec spec =
          new McpStdioSkillSpec(
              "npx-everything",
              Optional.empty(),
              Optional.empty(),
              List.of(),
              List.of(),
              "npx",
              Optional.of(NpmServers.EVERYTHING + "@2026.8.31"),
              List.of(),
              List.of(),
              List.of(),
              false);
      // From the cache directory npx finds the package installed there, with no registry.
      McpStdioSkillClient npx =
          new McpStdioSkillClient(
              spec,
              Map.of(),
              NpmServers.baseEnv(),
              cache,
              events,
              McpClientOptions.DEFAULTS.withCallTimeout(Duration.ofSeconds(30)));
      client = npx;
      npx.start();
      List<ProcessHandle> tree = serverTree();

      assertThat(events.starting().args())
          .containsExactly("-y", NpmServers.EVERYTHING + "@2026.8.31");
      assertThat(npx.tools()).hasSize(13);
      assertThat(tree).isNotEmpty();

      npx.close();

      assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private List<ProcessHandle> serverTree() {
      return ProcessHandle.current()
          .descendants()
          .filter(p -> p.info().commandLine().orElse("").contains("server-everything"))
          .toList();
    }
  }
}

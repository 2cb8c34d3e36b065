package dev.perstack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.agent.mcp.NpmServers;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import dev.perstack.protocol.listing.ToolListing;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolListingModeTest {
  private final ProtocolCodec codec = ProtocolCodec.create();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  @TempDir Path workspace;

  @Nested
  class WithARealServer {
    @Test
    void printsEveryToolOfTheServerUnderTheSkillsName() throws Exception {
      SkillSpec fs = filesystem("fs", List.of(NpmServers.entry(NpmServers.FILESYSTEM).toString()));

      AgentExit exit = run(new ToolListingRequest(List.of(fs), Map.of()));

      assertThat(exit).isEqualTo(AgentExit.COMPLETED);
      ToolListing listing = codec.decode(stdout().strip(), ToolListing.class);
      assertThat(listing.tools()).extracting(SkillToolDefinition::skillName).containsOnly("fs");
      assertThat(listing.tools())
          .extracting(SkillToolDefinition::name)
          .contains("read_text_file", "list_directory", "write_file");
      SkillToolDefinition read =
          listing.tools().stream().filter(t -> t.name().equals("read_text_file")).findFirst().get();
      assertThat(read.inputSchema().get("type").asText()).isEqualTo("object");
      assertThat(read.description()).isPresent();
    }

    @Test
    void ignoresPickAndOmitBecauseTheLockKeepsEveryTool() throws Exception {
      SkillSpec picked =
          new McpStdioSkillSpec(
              "fs",
              Optional.empty(),
              Optional.empty(),
              List.of("read_text_file"),
              List.of(),
              NpmServers.node(),
              Optional.empty(),
              List.of(NpmServers.entry(NpmServers.FILESYSTEM).toString(), workspace.toString()),
              List.of(),
              List.of(),
              false);

      run(new ToolListingRequest(List.of(picked), Map.of()));

      assertThat(codec.decode(stdout().strip(), ToolListing.class).tools()).hasSizeGreaterThan(1);
    }
  }

  @Nested
  class WhenSomethingIsWrong {
    @Test
    void aServerThatCannotStartFailsNamingTheSkill() {
      SkillSpec broken = filesystem("broken", List.of(workspace.resolve("missing.js").toString()));

      AgentExit exit = run(new ToolListingRequest(List.of(broken), Map.of()));

      assertThat(exit).isEqualTo(AgentExit.STOPPED_BY_ERROR);
      assertThat(stdout()).isEmpty();
      assertThat(stderr()).contains("skill broken failed");
    }

    @Test
    void aMissingRequestIsAMisconfiguration() {
      AgentExit exit = ToolListingMode.run(Map.of(), print(out), print(err));

      assertThat(exit).isEqualTo(AgentExit.MISCONFIGURED);
      assertThat(stderr()).contains(ToolListingRequest.ENV_VARIABLE);
    }

    @Test
    void anInvalidRequestIsAMisconfigurationThatSaysWhy() {
      AgentExit exit =
          ToolListingMode.run(
              Map.of(ToolListingRequest.ENV_VARIABLE, "{\"skills\":[{\"type\":\"nope\"}]}"),
              print(out),
              print(err));

      assertThat(exit).isEqualTo(AgentExit.MISCONFIGURED);
      assertThat(stderr()).contains("not valid");
    }
  }

  private SkillSpec filesystem(String name, List<String> entry) {
    List<String> args = new java.util.ArrayList<>(entry);
    args.add(workspace.toString());
    return new McpStdioSkillSpec(
        name,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of(),
        NpmServers.node(),
        Optional.empty(),
        args,
        List.of(),
        List.of(),
        false);
  }

  private AgentExit run(ToolListingRequest request) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put(ToolListingRequest.ENV_VARIABLE, codec.encode(request));
    env.put("PERSTACK_WORKSPACE", workspace.toString());
    return ToolListingMode.run(env, print(out), print(err));
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}

package dev.perstack.agent;

import dev.perstack.agent.mcp.McpClientOptions;
import dev.perstack.agent.skill.RuntimeEvents;
import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import dev.perstack.protocol.listing.ToolListing;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's second mode ({@code PERSTACK_MODE=list-tools}): starts every MCP skill of a {@link
 * ToolListingRequest} once, prints the {@link ToolListing} as one line of JSON on standard output
 * and exits; {@code perstack install} runs it in a sandbox to capture tool definitions for the
 * lock.
 */
final class ToolListingMode {
  private static final String LISTING_JOB = "tool-listing";

  private ToolListingMode() {}

  static AgentExit run(Map<String, String> env, PrintStream out, PrintStream err) {
    String json = env.get(ToolListingRequest.ENV_VARIABLE);
    if (json == null || json.isBlank()) {
      err.println(
          "perstack-agent: PERSTACK_MODE=list-tools needs the request in "
              + ToolListingRequest.ENV_VARIABLE
              + "; `perstack install` sets it");
      return AgentExit.MISCONFIGURED;
    }
    ProtocolCodec codec = ProtocolCodec.create();
    ToolListingRequest request;
    try {
      request = codec.decode(json, ToolListingRequest.class);
    } catch (ProtocolException e) {
      err.println("perstack-agent: the tool listing request is not valid: " + e.getMessage());
      return AgentExit.MISCONFIGURED;
    }
    Path workspace = Path.of(env.getOrDefault("PERSTACK_WORKSPACE", "/workspace"));
    List<SkillToolDefinition> tools = new ArrayList<>();
    try (AgentSkills skills =
        new AgentSkills(
            workspace, request.env(), env, stderrEvents(err), McpClientOptions.DEFAULTS)) {
      for (SkillSpec spec : request.skills()) {
        try {
          Skill skill = skills.skill(LISTING_JOB, spec);
          skill.start();
          for (ToolDefinition tool : skill.tools()) {
            tools.add(
                new SkillToolDefinition(
                    spec.name(), tool.name(), tool.description(), tool.inputSchema()));
          }
        } catch (SkillException e) {
          err.println("perstack-agent: skill " + spec.name() + " failed: " + e.getMessage());
          return AgentExit.STOPPED_BY_ERROR;
        }
      }
    }
    out.println(codec.encode(new ToolListing(tools)));
    out.flush();
    return AgentExit.COMPLETED;
  }

  // The skills' own stderr is the best clue when one fails to start, so it is passed on.
  private static RuntimeEvents stderrEvents(PrintStream err) {
    return new RuntimeEvents() {
      @Override
      public void skillStarting(String skillName, String command, List<String> args) {}

      @Override
      public void skillConnected(
          String skillName,
          java.util.Optional<String> serverName,
          java.util.Optional<String> serverVersion,
          Durations durations) {}

      @Override
      public void skillStderr(String skillName, String message) {
        err.println("[" + skillName + "] " + message);
      }

      @Override
      public void skillDisconnected(String skillName) {}
    };
  }
}

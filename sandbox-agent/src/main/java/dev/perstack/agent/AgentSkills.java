package dev.perstack.agent;

import dev.perstack.agent.base.BaseSkill;
import dev.perstack.agent.base.BaseSkillLimits;
import dev.perstack.agent.base.TodoList;
import dev.perstack.agent.loop.SkillProvider;
import dev.perstack.agent.mcp.McpClientOptions;
import dev.perstack.agent.mcp.McpSseSkillClient;
import dev.perstack.agent.mcp.McpStdioSkillClient;
import dev.perstack.agent.mcp.SkillEnvironment;
import dev.perstack.agent.skill.RuntimeEvents;
import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.McpSseSkillSpec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates each expert's skills once per job: the base skill in-process on the workspace, MCP
 * servers as child processes with only the environment their {@code requiredEnv} grants.
 */
final class AgentSkills implements SkillProvider {
  private final Path workspace;
  private final Map<String, String> jobEnv;
  private final Map<String, String> baseEnv;
  private final RuntimeEvents events;
  private final McpClientOptions options;
  private final Map<String, Skill> created = new LinkedHashMap<>();

  /**
   * @param jobEnv the values the job spec grants, read only for names a skill's requiredEnv lists
   * @param baseEnv the agent's own environment, of which only the safe base variables are passed on
   */
  AgentSkills(
      Path workspace,
      Map<String, String> jobEnv,
      Map<String, String> baseEnv,
      RuntimeEvents events,
      McpClientOptions options) {
    this.workspace = workspace;
    this.jobEnv = Map.copyOf(jobEnv);
    this.baseEnv = SkillEnvironment.base(baseEnv);
    this.events = events;
    this.options = options;
  }

  @Override
  public synchronized Skill skill(String expertKey, SkillSpec spec) throws SkillException {
    String key = expertKey + "\u0000" + spec.name();
    Skill skill = created.get(key);
    if (skill == null) {
      skill = create(spec);
      created.put(key, skill);
    }
    return skill;
  }

  private Skill create(SkillSpec spec) throws SkillException {
    if (spec instanceof BaseSkillSpec base) {
      try {
        Map<String, String> granted = granted(base.name(), base.requiredEnv());
        return new BaseSkill(
            workspace,
            BaseSkill.execEnvironment(granted, baseEnv.getOrDefault("HOME", "/tmp")),
            BaseSkillLimits.defaults(),
            new TodoList());
      } catch (IOException | IllegalArgumentException e) {
        throw new SkillException(base.name(), e.getMessage(), e);
      }
    }
    if (spec instanceof McpStdioSkillSpec stdio) {
      return new McpStdioSkillClient(stdio, jobEnv, baseEnv, workspace, events, options);
    }
    if (spec instanceof McpSseSkillSpec sse) {
      return new McpSseSkillClient(sse, events, options);
    }
    throw new SkillException(
        spec.name(), "skills of type " + spec.type() + " are not run by the agent");
  }

  private Map<String, String> granted(String skill, List<String> names) throws SkillException {
    Map<String, String> granted = new LinkedHashMap<>();
    for (String name : names) {
      String value = jobEnv.get(name);
      if (value == null) {
        throw new SkillException(
            skill, "requiredEnv " + name + " has no value; set it in the environment of the job");
      }
      granted.put(name, value);
    }
    return granted;
  }

  @Override
  public synchronized void close() {
    for (Skill skill : created.values()) {
      try {
        skill.close();
      } catch (RuntimeException e) {
        // Closing the rest matters more than one skill's failure to close.
      }
    }
    created.clear();
  }
}

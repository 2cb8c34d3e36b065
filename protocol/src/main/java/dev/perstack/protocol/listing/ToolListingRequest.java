package dev.perstack.protocol.listing;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.InteractiveSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MCP skills the agent should start once and list the tools of.
 *
 * @param skills MCP skills only, each with a name unique within the request
 * @param env values of the variables the skills' {@code requiredEnv} name; never printed
 */
public record ToolListingRequest(List<SkillSpec> skills, Map<String, String> env) {
  /** The agent's environment variable that holds the request as JSON. */
  public static final String ENV_VARIABLE = "PERSTACK_TOOL_LISTING";

  /**
   * The value of {@code PERSTACK_MODE} that makes the agent list tools instead of running a job.
   */
  public static final String MODE = "list-tools";

  public ToolListingRequest {
    skills = Require.list(skills, "skills");
    env = Require.map(env, "env");
    Set<String> names = new HashSet<>();
    for (SkillSpec skill : skills) {
      if (skill instanceof BaseSkillSpec || skill instanceof InteractiveSkillSpec) {
        throw new IllegalArgumentException(
            "skill " + skill.name() + " is not an MCP skill; only MCP skills are listed");
      }
      if (!names.add(skill.name())) {
        throw new IllegalArgumentException("skill " + skill.name() + " is listed twice");
      }
    }
  }

  @Override
  public String toString() {
    return "ToolListingRequest[skills=" + skills + ", env=" + env.keySet() + " (values hidden)]";
  }
}

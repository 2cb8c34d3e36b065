package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * An MCP server the agent starts as a child process.
 *
 * @param name the skill's key under the expert's {@code skills}
 * @param rule text appended to the system prompt under the skill's name
 * @param pick tool names to keep; empty keeps all
 * @param omit tool names to drop; applied before {@code pick}
 * @param requiredEnv variables the process gets; their values come in the job spec's {@code env}
 * @param lazyInit start the server on its first call
 */
public record McpStdioSkillSpec(
    String name,
    Optional<String> description,
    Optional<String> rule,
    List<String> pick,
    List<String> omit,
    String command,
    Optional<String> packageName,
    List<String> args,
    List<String> requiredEnv,
    List<String> allowedDomains,
    boolean lazyInit)
    implements SkillSpec {
  /** The {@code type} of this skill on the wire. */
  public static final String TYPE = "mcpStdioSkill";

  public McpStdioSkillSpec {
    Require.name(name, "name", 255);
    Require.present(description, "description");
    Require.present(rule, "rule");
    pick = Require.list(pick, "pick");
    omit = Require.list(omit, "omit");
    Require.present(command, "command");
    Require.present(packageName, "packageName");
    args = Require.list(args, "args");
    requiredEnv = Require.list(requiredEnv, "requiredEnv");
    allowedDomains = Require.list(allowedDomains, "allowedDomains");
    if (packageName.isPresent() == !args.isEmpty()) {
      throw new IllegalArgumentException(
          "skill " + name + " needs exactly one of packageName or a non-empty args");
    }
  }

  @Override
  public String type() {
    return TYPE;
  }
}

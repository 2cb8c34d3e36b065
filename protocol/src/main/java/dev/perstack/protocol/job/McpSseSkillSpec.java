package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * A remote MCP server reached over HTTPS.
 *
 * @param name the skill's key under the expert's {@code skills}
 * @param rule text appended to the system prompt under the skill's name
 * @param pick tool names to keep; empty keeps all
 * @param omit tool names to drop; applied before {@code pick}
 */
public record McpSseSkillSpec(
    String name,
    Optional<String> description,
    Optional<String> rule,
    List<String> pick,
    List<String> omit,
    String endpoint,
    List<String> allowedDomains)
    implements SkillSpec {
  /** The {@code type} of this skill on the wire. */
  public static final String TYPE = "mcpSseSkill";

  public McpSseSkillSpec {
    Require.name(name, "name", 255);
    Require.present(description, "description");
    Require.present(rule, "rule");
    pick = Require.list(pick, "pick");
    omit = Require.list(omit, "omit");
    Require.absoluteUrl(endpoint, "endpoint");
    if (!endpoint.startsWith("https://")) {
      throw new IllegalArgumentException("skill " + name + " endpoint must be https: " + endpoint);
    }
    allowedDomains = Require.list(allowedDomains, "allowedDomains");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

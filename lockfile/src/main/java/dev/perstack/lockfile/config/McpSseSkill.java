package dev.perstack.lockfile.config;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A remote MCP server reached over SSE / streamable HTTP at a public https endpoint. */
public record McpSseSkill(
    String name,
    Optional<String> description,
    Optional<String> rule,
    List<String> pick,
    List<String> omit,
    URI endpoint,
    List<String> allowedDomains)
    implements SkillDefinition {

  public McpSseSkill {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(endpoint, "endpoint");
    pick = List.copyOf(pick);
    omit = List.copyOf(omit);
    allowedDomains = List.copyOf(allowedDomains);
    if (!"https".equals(endpoint.getScheme())) {
      throw new IllegalArgumentException("skill " + name + " endpoint must be https: " + endpoint);
    }
  }
}

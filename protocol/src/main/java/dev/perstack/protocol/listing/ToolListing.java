package dev.perstack.protocol.listing;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.job.SkillToolDefinition;
import java.util.List;

/**
 * What the agent found: every tool of every skill of a {@link ToolListingRequest}, in the order of
 * the request and then as each server listed them.
 */
public record ToolListing(List<SkillToolDefinition> tools) {
  public ToolListing {
    tools = Require.list(tools, "tools");
  }
}

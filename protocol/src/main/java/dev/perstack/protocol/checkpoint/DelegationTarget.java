package dev.perstack.protocol.checkpoint;

import dev.perstack.protocol.internal.Require;

/** One delegate call a run stopped for. */
public record DelegationTarget(ExpertRef expert, String toolCallId, String toolName, String query) {
  public DelegationTarget {
    Require.present(expert, "expert");
    Require.id(toolCallId, "toolCallId");
    Require.id(toolName, "toolName");
    Require.present(query, "query");
  }
}

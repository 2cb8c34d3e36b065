package dev.perstack.protocol.checkpoint;

import dev.perstack.protocol.internal.Require;

/**
 * The parent a delegated run reports back to.
 *
 * @param toolCallId the parent's tool call that started this run
 * @param checkpointId the parent's checkpoint to resume when this run ends
 * @param runId the parent's run
 */
public record DelegatedBy(
    ExpertRef expert, String toolCallId, String toolName, String checkpointId, String runId) {
  public DelegatedBy {
    Require.present(expert, "expert");
    Require.id(toolCallId, "toolCallId");
    Require.id(toolName, "toolName");
    Require.id(checkpointId, "checkpointId");
    Require.id(runId, "runId");
  }
}

package dev.perstack.protocol.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A run's state after a step or at a stop: enough to inspect, resume or replay it.
 *
 * @param messages the whole conversation so far
 * @param delegateTo the delegate calls the run stopped for
 * @param usage summed over the run
 * @param contextWindow the model's context window in tokens
 * @param contextWindowUsage the share of the context window used, from 0 to 1
 * @param pendingToolCalls calls to run when the run resumes
 * @param partialToolResults results collected before the run stopped
 * @param metadata free-form runtime data; {@code runtime} names the runtime that wrote it
 * @param error why the run stopped, when its status is {@code stoppedByError}
 * @param retryCount consecutive failed generations; reset by a good one
 */
public record Checkpoint(
    String id,
    String jobId,
    String runId,
    CheckpointStatus status,
    int stepNumber,
    List<Message> messages,
    ExpertRef expert,
    Optional<List<DelegationTarget>> delegateTo,
    Optional<DelegatedBy> delegatedBy,
    Usage usage,
    OptionalLong contextWindow,
    OptionalDouble contextWindowUsage,
    Optional<List<ToolCall>> pendingToolCalls,
    Optional<List<ToolResult>> partialToolResults,
    Optional<ObjectNode> metadata,
    Optional<RunError> error,
    OptionalInt retryCount) {
  public Checkpoint {
    Require.id(id, "id");
    Require.id(jobId, "jobId");
    Require.id(runId, "runId");
    Require.present(status, "status");
    Require.nonNegative(stepNumber, "stepNumber");
    messages = Require.list(messages, "messages");
    Require.present(expert, "expert");
    delegateTo = Require.optionalList(delegateTo, "delegateTo");
    Require.present(delegatedBy, "delegatedBy");
    Require.present(usage, "usage");
    Require.nonNegative(contextWindow, "contextWindow");
    Require.present(contextWindowUsage, "contextWindowUsage");
    pendingToolCalls = Require.optionalList(pendingToolCalls, "pendingToolCalls");
    partialToolResults = Require.optionalList(partialToolResults, "partialToolResults");
    metadata = Require.present(metadata, "metadata").map(m -> Require.object(m, "metadata"));
    Require.present(error, "error");
    Require.nonNegative(retryCount, "retryCount");
  }

  /** A copy of {@code metadata}; the record itself cannot be changed. */
  @Override
  public Optional<ObjectNode> metadata() {
    return metadata.map(ObjectNode::deepCopy);
  }
}

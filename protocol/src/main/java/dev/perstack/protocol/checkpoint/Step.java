package dev.perstack.protocol.checkpoint;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.InputMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One step of a run: a generation and the tool calls it made.
 *
 * @param stepNumber counted across all runs of the job, from 1
 * @param pendingToolCalls calls not yet run, in order: MCP, delegate, interactive
 * @param partialToolResults results collected before the step stopped
 * @param startedAt milliseconds since the epoch
 * @param finishedAt milliseconds since the epoch
 */
public record Step(
    int stepNumber,
    Optional<List<InputMessage>> inputMessages,
    List<Message> newMessages,
    Optional<List<ToolCall>> toolCalls,
    Optional<List<ToolResult>> toolResults,
    Optional<List<ToolCall>> pendingToolCalls,
    Optional<List<ToolResult>> partialToolResults,
    Usage usage,
    long startedAt,
    OptionalLong finishedAt) {
  public Step {
    Require.nonNegative(stepNumber, "stepNumber");
    inputMessages = Require.optionalList(inputMessages, "inputMessages");
    newMessages = Require.list(newMessages, "newMessages");
    toolCalls = Require.optionalList(toolCalls, "toolCalls");
    toolResults = Require.optionalList(toolResults, "toolResults");
    pendingToolCalls = Require.optionalList(pendingToolCalls, "pendingToolCalls");
    partialToolResults = Require.optionalList(partialToolResults, "partialToolResults");
    Require.present(usage, "usage");
    Require.nonNegative(startedAt, "startedAt");
    Require.nonNegative(finishedAt, "finishedAt");
  }
}

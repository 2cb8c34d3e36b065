package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.message.InputMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The step being run, mutable until {@link #finish} freezes it into a {@link Step}. */
final class StepDraft {
  final int stepNumber;
  final List<InputMessage> inputMessages;
  final List<Message> newMessages = new ArrayList<>();
  List<ToolCall> toolCalls = List.of();
  List<ToolResult> toolResults = List.of();
  List<ToolCall> pendingToolCalls = List.of();
  List<ToolResult> partialToolResults = List.of();
  Usage usage = Usages.ZERO;
  final long startedAt;

  StepDraft(int stepNumber, List<InputMessage> inputMessages, long startedAt) {
    this.stepNumber = stepNumber;
    this.inputMessages = List.copyOf(inputMessages);
    this.startedAt = startedAt;
  }

  Step finish(long finishedAt) {
    return new Step(
        stepNumber,
        inputMessages.isEmpty() ? Optional.empty() : Optional.of(inputMessages),
        newMessages,
        optional(toolCalls),
        optional(toolResults),
        optional(pendingToolCalls),
        optional(partialToolResults),
        usage,
        startedAt,
        OptionalLong.of(finishedAt));
  }

  private static <T> Optional<List<T>> optional(List<T> list) {
    return list.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(list));
  }
}

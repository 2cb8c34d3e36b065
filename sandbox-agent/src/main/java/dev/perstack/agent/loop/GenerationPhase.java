package dev.perstack.agent.loop;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The two generations of a step: one that may call tools ({@code GeneratingToolCall}) and the final
 * one, without tools, after {@code attemptCompletion} ({@code GeneratingRunResult}); with their
 * retries.
 */
final class GenerationPhase {
  private final RunContext ctx;

  GenerationPhase(RunContext ctx) {
    this.ctx = ctx;
  }

  RunPhase generateToolCall() throws InterruptedException {
    StreamedDeltas deltas = new StreamedDeltas(ctx.events, ctx.cp.stepNumber, false);
    GenerationResponse response;
    try {
      response = ctx.model.generate(request(ctx.cp.messages, true), deltas);
    } catch (GenerationFailure failure) {
      deltas.finish("");
      return retryOrStop(failure.error(), List.of());
    }
    List<ExpertContent> contents = response.contents();
    deltas.finish(RunMessages.thinking(contents));
    String text = RunMessages.text(contents);
    List<ToolCallPart> callParts =
        contents.stream()
            .filter(ToolCallPart.class::isInstance)
            .map(ToolCallPart.class::cast)
            .toList();
    if (callParts.isEmpty() && !text.isEmpty()) {
      // Text with no tool call completes the run.
      List<ExpertContent> kept = new ArrayList<>(RunMessages.thinkingParts(contents));
      kept.add(new TextPart(Ids.next(), text));
      return ctx.complete(List.of(RunMessages.expert(kept)), text, response.usage());
    }
    if (callParts.isEmpty()) {
      return retryOrStop(
          new RunError(
              "NoToolCallOrText",
              "You must generate a tool call or provide a response." + " Try again.",
              OptionalInt.empty(),
              true),
          List.of(),
          "Error: No tool call or text generated",
          response);
    }
    List<ToolCall> calls = sortedCalls(callParts);
    if (response.finishReason() == FinishReason.LENGTH) {
      return retryAfterLength(calls.get(0), response);
    }
    List<ExpertContent> kept = new ArrayList<>(RunMessages.thinkingParts(contents));
    if (!text.isEmpty()) {
      kept.add(new TextPart(Ids.next(), text));
    }
    calls.forEach(c -> kept.add(new ToolCallPart(Ids.next(), c.id(), c.toolName(), c.args())));
    ExpertMessage message = RunMessages.expert(kept);
    ctx.events.callTools(ctx.cp.stepNumber, message, calls, response.usage());
    ctx.cp.messages.add(message);
    ctx.cp.usage = Usages.sum(ctx.cp.usage, response.usage());
    ctx.cp.retryCount = 0;
    ctx.step.newMessages.clear();
    ctx.step.newMessages.add(message);
    ctx.step.toolCalls = calls;
    ctx.step.usage = Usages.sum(ctx.step.usage, response.usage());
    ctx.callsToRun = calls;
    return RunPhase.CALLING_TOOL;
  }

  RunPhase generateRunResult() throws InterruptedException {
    ToolMessage toolMessage = RunMessages.tool(ctx.step.toolResults);
    List<Message> messages = new ArrayList<>(ctx.cp.messages);
    messages.add(toolMessage);
    StreamedDeltas deltas = new StreamedDeltas(ctx.events, ctx.cp.stepNumber, true);
    GenerationResponse response;
    try {
      response = ctx.model.generate(request(messages, false), deltas);
    } catch (GenerationFailure failure) {
      deltas.finish("");
      return retryOrStop(failure.error(), List.of(toolMessage));
    }
    List<ExpertContent> contents = response.contents();
    deltas.finish(RunMessages.thinking(contents));
    String text = RunMessages.text(contents);
    List<ExpertContent> kept = new ArrayList<>(RunMessages.thinkingParts(contents));
    kept.add(new TextPart(Ids.next(), text));
    return ctx.complete(List.of(toolMessage, RunMessages.expert(kept)), text, response.usage());
  }

  RunPhase retryOrStop(RunError error, List<Message> before) {
    return retryOrStop(error, before, error.name(), null);
  }

  RunPhase retryOrStop(
      RunError error, List<Message> before, String reasonName, GenerationResponse response) {
    int maxRetries = ctx.settings.limits().maxRetries();
    if (!error.isRetryable() || ctx.cp.retryCount >= maxRetries) {
      String message =
          ctx.cp.retryCount >= maxRetries
              ? "Max retries (" + maxRetries + ") exceeded: " + error.message()
              : error.message();
      String name =
          ctx.cp.retryCount >= maxRetries && error.isRetryable()
              ? "MaxRetriesExceeded"
              : error.name();
      return ctx.stopByError(new RunError(name, message, error.statusCode(), false));
    }
    String reason = RunMessages.retryReason(reasonName, error.message());
    List<Message> newMessages = new ArrayList<>(before);
    newMessages.add(RunMessages.user(reason));
    var usage = response == null ? Usages.ZERO : response.usage();
    ctx.events.retry(
        ctx.cp.stepNumber, reason, newMessages, Optional.empty(), Optional.empty(), usage);
    ctx.recordRetry(newMessages, usage);
    return RunPhase.FINISHING_STEP;
  }

  RunPhase retryAfterLength(ToolCall first, GenerationResponse response) {
    int maxRetries = ctx.settings.limits().maxRetries();
    if (ctx.cp.retryCount >= maxRetries) {
      return ctx.stopByError(
          new RunError(
              "MaxRetriesExceeded",
              "Max retries (" + maxRetries + ") exceeded: Generation length exceeded",
              OptionalInt.empty(),
              false));
    }
    String reason =
        RunMessages.retryReason(
            "Error: Tool call generation failed", "Generation length exceeded. Try again.");
    ToolResult result =
        new ToolResult(
            first.id(),
            first.skillName(),
            first.toolName(),
            List.of(new TextPart(Ids.next(), reason)));
    List<Message> newMessages =
        List.of(
            RunMessages.expert(
                List.of(new ToolCallPart(Ids.next(), first.id(), first.toolName(), first.args()))),
            RunMessages.tool(List.of(result)));
    ctx.events.retry(
        ctx.cp.stepNumber,
        reason,
        newMessages,
        Optional.of(List.of(first)),
        Optional.of(List.of(result)),
        response.usage());
    ctx.recordRetry(newMessages, response.usage());
    return RunPhase.FINISHING_STEP;
  }

  GenerationRequest request(List<Message> messages, boolean withTools) {
    return new GenerationRequest(
        ctx.expert.key(),
        List.copyOf(messages),
        withTools ? ctx.toolbox.definitions() : List.of(),
        ctx.settings.reasoningBudget(),
        java.util.OptionalLong.empty());
  }

  /**
   * Tool calls in the order they are handled: skills, then delegates, then interactive ctx.tools.
   */
  List<ToolCall> sortedCalls(List<ToolCallPart> parts) {
    List<ToolCall> calls = new ArrayList<>();
    for (ToolCallPart part : parts) {
      ObjectNode args =
          part.args() instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
      String skillName =
          ctx.toolbox.route(part.toolName()).map(ToolRoute::skillName).orElse("unknown");
      calls.add(new ToolCall(part.toolCallId(), skillName, part.toolName(), args));
    }
    calls.sort(Comparator.comparingInt(c -> ctx.kindOf(c).ordinal()));
    return calls;
  }
}

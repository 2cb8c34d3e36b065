package dev.perstack.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** What the fake control plane answers to each generation, scripted per expert. */
final class ScriptedModel {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, Deque<Reply>> byExpert = new ConcurrentHashMap<>();
  private final List<GenerationRequest> requests = new ArrayList<>();

  /** One scripted answer. */
  sealed interface Reply {}

  /** Streams {@code deltas}, then answers {@code response}. */
  record Answer(List<GenerationDelta> deltas, GenerationResponse response) implements Reply {}

  /** Answers with an error frame. */
  record Failure(RunError error) implements Reply {}

  /** Never answers (the agent's generation timeout must fire). */
  record Silence() implements Reply {}

  /** Drops the connection instead of answering, as a control plane that dies mid-step. */
  record HangUp() implements Reply {}

  ScriptedModel then(String expertKey, Reply reply) {
    byExpert.computeIfAbsent(expertKey, k -> new ArrayDeque<>()).add(reply);
    return this;
  }

  synchronized Reply next(GenerationRequest request) {
    requests.add(request);
    Deque<Reply> queue = byExpert.get(request.expertKey());
    if (queue == null || queue.isEmpty()) {
      return new Failure(
          new RunError(
              "ScriptExhausted",
              "no scripted reply left for "
                  + request.expertKey()
                  + " (request "
                  + requests.size()
                  + ")",
              OptionalInt.empty(),
              false));
    }
    return queue.poll();
  }

  synchronized List<GenerationRequest> requests() {
    return List.copyOf(requests);
  }

  static final Usage USAGE = new Usage(10, 5, 0, 15, 0);

  static Answer text(String text) {
    List<GenerationDelta> deltas = new ArrayList<>();
    for (String word : text.split("(?<= )")) {
      deltas.add(new GenerationDelta(GenerationDelta.Kind.TEXT, word));
    }
    return new Answer(
        deltas,
        new GenerationResponse(List.of(new TextPart(id(), text)), FinishReason.STOP, USAGE));
  }

  static Answer thinkingThenText(String thinking, String text) {
    return new Answer(
        List.of(
            new GenerationDelta(GenerationDelta.Kind.REASONING, thinking),
            new GenerationDelta(GenerationDelta.Kind.TEXT, text)),
        new GenerationResponse(
            List.of(new ThinkingPart(id(), thinking, Optional.empty()), new TextPart(id(), text)),
            FinishReason.STOP,
            USAGE));
  }

  static Answer toolCalls(Call... calls) {
    return toolCallsFinishing(FinishReason.TOOL_CALLS, calls);
  }

  static Answer toolCallsFinishing(FinishReason reason, Call... calls) {
    List<ExpertContent> contents = new ArrayList<>();
    for (Call call : calls) {
      contents.add(new ToolCallPart(id(), call.id(), call.tool(), call.args()));
    }
    return new Answer(List.of(), new GenerationResponse(contents, reason, USAGE));
  }

  static Answer empty() {
    return new Answer(List.of(), new GenerationResponse(List.of(), FinishReason.STOP, USAGE));
  }

  static Failure failure(String name, boolean retryable) {
    return new Failure(
        new RunError(name, name + " from the provider", OptionalInt.of(500), retryable));
  }

  /** A tool call the model makes. */
  record Call(String id, String tool, ObjectNode args) {}

  static Call call(String tool, String argsJson) {
    try {
      return new Call("call-" + id().substring(0, 8), tool, (ObjectNode) JSON.readTree(argsJson));
    } catch (Exception e) {
      throw new IllegalArgumentException(argsJson, e);
    }
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}

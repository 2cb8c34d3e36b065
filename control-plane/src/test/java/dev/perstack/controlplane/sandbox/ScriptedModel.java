package dev.perstack.controlplane.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.controlplane.socket.GenerationHandler;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.Usage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The model gateway of these tests: answers each expert's generations from a script, whichever job
 * asks, and lets a test act when a generation arrives (to cancel or crash a job mid-step).
 */
final class ScriptedModel implements GenerationHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Usage USAGE = new Usage(10, 5, 0, 15, 0);

  /** One scripted answer. */
  sealed interface Reply {}

  record Answer(GenerationResponse response) implements Reply {}

  record Failure(RunError error) implements Reply {}

  /** Waits (at most a minute) until {@code gate} opens, then answers {@code then}. */
  record Gated(CountDownLatch gate, Reply then) implements Reply {}

  /** Answers {@code then} after {@code delay}. */
  record Delayed(java.time.Duration delay, Reply then) implements Reply {}

  /** Never answers (until the job ends and the thread is interrupted). */
  record Hang() implements Reply {}

  /** A generation that arrived. */
  record Seen(String jobId, GenerationRequest request, long atNanos) {}

  private final Map<String, Deque<Reply>> byExpert = new ConcurrentHashMap<>();
  private final List<Seen> seen = new ArrayList<>();
  private final List<Consumer<Seen>> hooks = new ArrayList<>();

  ScriptedModel then(String expertKey, Reply reply) {
    byExpert.computeIfAbsent(expertKey, k -> new ArrayDeque<>()).add(reply);
    return this;
  }

  ScriptedModel text(String expertKey, String text) {
    return then(expertKey, answerText(text));
  }

  ScriptedModel tool(String expertKey, String toolName, String argsJson) {
    return then(expertKey, answerTool(toolName, argsJson));
  }

  /** The expert runs {@code sh -c script} with the base skill's exec tool. */
  ScriptedModel shell(String expertKey, String script, long timeoutMillis) {
    ObjectNode args = JSON.createObjectNode();
    args.put("command", "sh");
    args.putArray("args").add("-c").add(script);
    args.put("timeout", timeoutMillis);
    return tool(expertKey, "exec", args.toString());
  }

  /** Calls {@code hook} (on the generating thread) for each generation that arrives. */
  synchronized ScriptedModel onGeneration(Consumer<Seen> hook) {
    hooks.add(hook);
    return this;
  }

  synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public GenerationResponse generate(
      String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta) throws Failed {
    Seen arrival = new Seen(jobId, request, System.nanoTime());
    List<Consumer<Seen>> toCall;
    synchronized (this) {
      seen.add(arrival);
      toCall = List.copyOf(hooks);
    }
    toCall.forEach(h -> h.accept(arrival));
    Deque<Reply> queue = byExpert.get(request.expertKey());
    Reply reply = queue == null ? null : queue.poll();
    if (reply == null) {
      throw new Failed(
          new RunError(
              "ScriptExhausted",
              "no scripted reply left for " + request.expertKey(),
              OptionalInt.empty(),
              false));
    }
    return answer(reply);
  }

  private GenerationResponse answer(Reply reply) throws Failed {
    try {
      if (reply instanceof Gated gated) {
        gated.gate().await(60, TimeUnit.SECONDS);
        return answer(gated.then());
      }
      if (reply instanceof Delayed delayed) {
        Thread.sleep(delayed.delay().toMillis());
        return answer(delayed.then());
      }
      if (reply instanceof Hang) {
        Thread.sleep(120_000);
        throw new Failed(new RunError("Hang", "hung for two minutes", OptionalInt.empty(), false));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failed(new RunError("Interrupted", "test ended", OptionalInt.empty(), false));
    }
    if (reply instanceof Failure failure) {
      throw new Failed(failure.error());
    }
    return ((Answer) reply).response();
  }

  static Answer answerText(String text) {
    return new Answer(
        new GenerationResponse(List.of(new TextPart(id(), text)), FinishReason.STOP, USAGE));
  }

  static Answer answerTool(String toolName, String argsJson) {
    try {
      ToolCallPart call =
          new ToolCallPart(id(), "call-" + id().substring(0, 8), toolName, JSON.readTree(argsJson));
      return new Answer(new GenerationResponse(List.of(call), FinishReason.TOOL_CALLS, USAGE));
    } catch (Exception e) {
      throw new IllegalArgumentException(argsJson, e);
    }
  }

  static Failure failure(String name) {
    return new Failure(new RunError(name, name + " from the provider", OptionalInt.of(400), false));
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}

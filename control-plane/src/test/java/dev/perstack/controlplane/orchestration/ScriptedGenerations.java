package dev.perstack.controlplane.orchestration;

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
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;

/** A generation handler that answers from a script, in order, and records what it was asked. */
final class ScriptedGenerations implements GenerationHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Usage USAGE = new Usage(10, 5, 0, 15, 0);

  private final LinkedBlockingDeque<Object> script = new LinkedBlockingDeque<>();
  private final List<GenerationRequest> requests = new ArrayList<>();
  final CountDownLatch firstRequest = new CountDownLatch(1);

  ScriptedGenerations text(String text) {
    script.add(new GenerationResponse(List.of(new TextPart(id(), text)), FinishReason.STOP, USAGE));
    return this;
  }

  ScriptedGenerations tool(String tool, String argsJson) {
    try {
      script.add(
          new GenerationResponse(
              List.of(
                  new ToolCallPart(
                      id(),
                      "call-" + id().substring(0, 8),
                      tool,
                      (ObjectNode) JSON.readTree(argsJson))),
              FinishReason.TOOL_CALLS,
              USAGE));
    } catch (Exception e) {
      throw new IllegalArgumentException(argsJson, e);
    }
    return this;
  }

  /** The next generation never answers (until the job is cancelled). */
  ScriptedGenerations hang() {
    script.add(Hang.INSTANCE);
    return this;
  }

  synchronized List<GenerationRequest> requests() {
    return List.copyOf(requests);
  }

  @Override
  public GenerationResponse generate(
      String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta) throws Failed {
    synchronized (this) {
      requests.add(request);
    }
    firstRequest.countDown();
    Object next = script.poll();
    if (next == null) {
      throw new Failed(
          new RunError("ScriptExhausted", "no scripted answer left", OptionalInt.empty(), false));
    }
    if (next == Hang.INSTANCE) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new Failed(new RunError("Interrupted", "stopped", OptionalInt.empty(), false));
    }
    return (GenerationResponse) next;
  }

  private enum Hang {
    INSTANCE
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }
}

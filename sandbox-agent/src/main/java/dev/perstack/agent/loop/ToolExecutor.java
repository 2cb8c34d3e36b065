package dev.perstack.agent.loop;

import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.MessagePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs skill tool calls, several at once, and turns every failure into the tool result text {@code
 * Error calling tool X: ...} so that the model sees it and the run goes on.
 */
final class ToolExecutor {
  static final String ERROR_PREFIX = "Error calling tool ";

  private final ExecutorService pool;

  ToolExecutor(ExecutorService pool) {
    this.pool = pool;
  }

  /** Runs every call in parallel; results come back in the order of {@code calls}. */
  List<ToolResult> runAll(List<ToolCall> calls, ExpertToolbox toolbox) throws InterruptedException {
    List<Future<ToolResult>> running = new ArrayList<>();
    for (ToolCall call : calls) {
      running.add(pool.submit(() -> runOne(call, toolbox)));
    }
    List<ToolResult> results = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      try {
        results.add(running.get(i).get());
      } catch (ExecutionException e) {
        results.add(error(calls.get(i), String.valueOf(e.getCause())));
      } catch (InterruptedException e) {
        running.forEach(f -> f.cancel(true));
        throw e;
      }
    }
    return results;
  }

  ToolResult runOne(ToolCall call, ExpertToolbox toolbox) {
    Skill skill = toolbox.route(call.toolName()).flatMap(ToolRoute::skill).orElse(null);
    if (skill == null) {
      return error(call, "no tool named " + call.toolName() + " is available in this run");
    }
    try {
      List<MessagePart> parts = new ArrayList<>(skill.call(call.toolName(), call.args()));
      return new ToolResult(call.id(), call.skillName(), call.toolName(), parts);
    } catch (ToolCallException e) {
      return error(call, e.getMessage());
    } catch (RuntimeException e) {
      // A skill must not take the run down: the model gets the failure as the result.
      return error(call, e.toString());
    }
  }

  static ToolResult error(ToolCall call, String message) {
    return new ToolResult(
        call.id(),
        call.skillName(),
        call.toolName(),
        List.of(new TextPart(Ids.next(), ERROR_PREFIX + call.toolName() + ": " + message)));
  }

  static boolean isError(ToolResult result) {
    return !result.result().isEmpty()
        && result.result().get(0) instanceof TextPart text
        && text.text().startsWith(ERROR_PREFIX);
  }
}

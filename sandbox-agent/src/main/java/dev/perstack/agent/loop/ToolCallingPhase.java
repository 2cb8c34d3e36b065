package dev.perstack.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.DelegationTarget;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code CallingTool}: runs skill calls (in parallel), handles {@code attemptCompletion}, and stops
 * the run for delegates or for a person.
 */
final class ToolCallingPhase {
  private final RunContext ctx;

  ToolCallingPhase(RunContext ctx) {
    this.ctx = ctx;
  }

  RunPhase callTools() throws InterruptedException {
    List<ToolResult> results = new ArrayList<>(ctx.step.toolResults);
    Optional<ToolCall> attempt =
        ctx.callsToRun.stream()
            .filter(
                c ->
                    c.skillName().equals(BaseSkillSpec.NAME)
                        && c.toolName().equals("attemptCompletion"))
            .findFirst();
    List<ToolCall> skillCalls = ctx.ofKind(ToolRoute.Kind.SKILL);
    if (attempt.isPresent()) {
      return attemptCompletion(attempt.get(), results, skillCalls);
    }
    results.addAll(ctx.tools.runAll(skillCalls, ctx.toolbox));
    List<ToolCall> delegates = ctx.ofKind(ToolRoute.Kind.DELEGATE);
    List<ToolCall> interactive = ctx.ofKind(ToolRoute.Kind.INTERACTIVE);
    if (!delegates.isEmpty()) {
      return stopForDelegates(delegates, interactive, results);
    }
    if (!interactive.isEmpty()) {
      ctx.step.partialToolResults = results;
      ctx.step.pendingToolCalls = interactive;
      ctx.events.callInteractiveTool(
          ctx.cp.stepNumber, ctx.lastExpertMessage(), interactive.get(0), ctx.step.usage);
      ctx.cp.status = CheckpointStatus.STOPPED_BY_INTERACTIVE_TOOL;
      ctx.cp.pendingToolCalls = Optional.of(interactive);
      ctx.cp.partialToolResults = Optional.of(results);
      ctx.events.stopRunByInteractiveTool(ctx.cp.build(), ctx.step.finish(ctx.events.now()));
      return RunPhase.STOPPED;
    }
    ctx.events.resolveToolResults(ctx.cp.stepNumber, results);
    return ctx.resolve(results);
  }

  RunPhase attemptCompletion(ToolCall attempt, List<ToolResult> results, List<ToolCall> skillCalls)
      throws InterruptedException {
    ToolResult completion = ctx.tools.runOne(attempt, ctx.toolbox);
    List<ToolCall> others = skillCalls.stream().filter(c -> c != attempt).toList();
    results.addAll(ctx.tools.runAll(others, ctx.toolbox));
    for (ToolCall skipped : ctx.callsToRun) {
      if (!skillCalls.contains(skipped)) {
        // Every call needs an answer (providers refuse a tool call without a result).
        results.add(
            ToolExecutor.error(
                skipped, "not run, because attemptCompletion was called in the same step"));
      }
    }
    results.add(completion);
    if (RunMessages.hasRemainingTodos(completion)) {
      ctx.events.resolveToolResults(ctx.cp.stepNumber, results);
      return ctx.resolve(results);
    }
    Optional<String> written = RunMessages.lastExpertText(ctx.cp.messages);
    if (written.isPresent()) {
      ctx.step.toolResults = results;
      List<Message> closing =
          List.of(
              RunMessages.tool(results),
              RunMessages.expert(List.of(new TextPart(Ids.next(), written.get()))));
      return ctx.complete(closing, written.get(), Usages.ZERO);
    }
    ctx.events.attemptCompletion(ctx.cp.stepNumber, completion);
    ctx.step.toolResults = results;
    return RunPhase.GENERATING_RUN_RESULT;
  }

  RunPhase stopForDelegates(
      List<ToolCall> delegates, List<ToolCall> interactive, List<ToolResult> results) {
    List<DelegationTarget> targets = new ArrayList<>();
    for (ToolCall call : delegates) {
      JsonNode query = call.args().get("query");
      ExpertSpec delegate =
          ctx.toolbox.route(call.toolName()).flatMap(ToolRoute::delegate).orElseThrow();
      if (query == null || !query.isTextual() || query.asText().isBlank()) {
        results.add(ToolExecutor.error(call, "a delegate needs a non-empty string `query`"));
        continue;
      }
      targets.add(
          new DelegationTarget(
              new ExpertRef(delegate.key(), delegate.name(), delegate.version()),
              call.id(),
              call.toolName(),
              query.asText()));
    }
    if (targets.isEmpty() && interactive.isEmpty()) {
      ctx.events.resolveToolResults(ctx.cp.stepNumber, results);
      return ctx.resolve(results);
    }
    ctx.step.partialToolResults = results;
    List<ToolCall> pending = new ArrayList<>(delegates);
    pending.addAll(interactive);
    ctx.step.pendingToolCalls = pending;
    ctx.events.callDelegate(ctx.cp.stepNumber, ctx.lastExpertMessage(), delegates, ctx.step.usage);
    ctx.cp.status = CheckpointStatus.STOPPED_BY_DELEGATE;
    ctx.cp.delegateTo = Optional.of(targets);
    ctx.cp.pendingToolCalls = Optional.of(interactive);
    ctx.cp.partialToolResults = Optional.of(results);
    ctx.events.stopRunByDelegate(ctx.cp.build(), ctx.step.finish(ctx.events.now()));
    return RunPhase.STOPPED;
  }
}

package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import java.util.List;
import java.util.Optional;

/**
 * What one run's phases share: its settings, collaborators and the checkpoint and step being built,
 * with the transitions every phase may take (complete, stop by error, resolve results).
 */
final class RunContext {
  final RunSettings settings;
  final ExpertSpec expert;
  final ModelGateway model;
  final ToolExecutor tools;
  final RunEvents events;
  ExpertToolbox toolbox;
  CheckpointDraft cp;
  StepDraft step;
  List<ToolCall> callsToRun = List.of();
  Optional<String> resultText = Optional.empty();

  RunContext(
      RunSettings settings,
      ExpertSpec expert,
      ModelGateway model,
      ToolExecutor tools,
      RunEvents events) {
    this.settings = settings;
    this.expert = expert;
    this.model = model;
    this.tools = tools;
    this.events = events;
  }

  RunPhase complete(
      List<Message> newMessages, String text, dev.perstack.protocol.message.Usage usage) {
    cp.messages.addAll(newMessages);
    cp.usage = Usages.sum(cp.usage, usage);
    cp.status = CheckpointStatus.COMPLETED;
    cp.retryCount = 0;
    step.newMessages.addAll(newMessages);
    step.usage = Usages.sum(step.usage, usage);
    events.completeRun(cp.build(), step.finish(events.now()), text, usage);
    resultText = Optional.of(text);
    return RunPhase.STOPPED;
  }

  RunPhase stopByError(RunError error) {
    cp.status = CheckpointStatus.STOPPED_BY_ERROR;
    cp.error = Optional.of(error);
    events.stopRunByError(cp.build(), step.finish(events.now()), error);
    return RunPhase.STOPPED;
  }

  RunPhase resolve(List<ToolResult> results) {
    step.toolResults = results;
    ToolMessage message = RunMessages.tool(results);
    events.finishToolCall(cp.stepNumber, List.of(message));
    cp.messages.add(message);
    step.newMessages.add(message);
    return RunPhase.FINISHING_STEP;
  }

  void recordRetry(List<Message> newMessages, dev.perstack.protocol.message.Usage usage) {
    cp.messages.addAll(newMessages);
    cp.usage = Usages.sum(cp.usage, usage);
    cp.retryCount++;
    step.newMessages.clear();
    step.newMessages.addAll(newMessages);
    step.usage = Usages.sum(step.usage, usage);
  }

  ExpertMessage lastExpertMessage() {
    for (int i = cp.messages.size() - 1; i >= 0; i--) {
      if (cp.messages.get(i) instanceof ExpertMessage message) {
        return message;
      }
    }
    throw new IllegalStateException("a run calling tools has an expert message");
  }

  ToolRoute.Kind kindOf(ToolCall call) {
    // An unknown tool is run as a skill call, which answers it with an error result.
    return toolbox.route(call.toolName()).map(ToolRoute::kind).orElse(ToolRoute.Kind.SKILL);
  }

  List<ToolCall> ofKind(ToolRoute.Kind kind) {
    return callsToRun.stream().filter(c -> kindOf(c) == kind).toList();
  }
}

package dev.perstack.agent.loop;

import dev.perstack.agent.skill.SkillException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.message.InputMessage;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One run of one expert: Perstack's state machine from {@code Init} to {@code Stopped}, emitting
 * the same events in the same order. Not thread-safe; a run is driven by one thread.
 */
final class RunLoop {
  /** Builds the toolbox once the run has started, so that a skill failure stops it by error. */
  interface ToolboxFactory {
    ExpertToolbox build() throws SkillException;
  }

  private final ToolboxFactory toolboxFactory;
  private final InstructionSource instruction;
  private final RunContext ctx;
  private final GenerationPhase generation;
  private final ToolCallingPhase toolCalling;

  /** The run's system prompt, built when a fresh run starts. */
  interface InstructionSource {
    InputMessage build(long startedAt);
  }

  RunLoop(
      RunSettings settings,
      ExpertSpec expert,
      ToolboxFactory toolboxFactory,
      ModelGateway model,
      ToolExecutor tools,
      RunEvents events,
      InstructionSource instruction) {
    this.toolboxFactory = toolboxFactory;
    this.instruction = instruction;
    this.ctx = new RunContext(settings, expert, model, tools, events);
    this.generation = new GenerationPhase(ctx);
    this.toolCalling = new ToolCallingPhase(ctx);
  }

  RunOutcome run(Checkpoint initial, RunInput input) throws InterruptedException {
    RunPhase state = init(initial, input);
    while (state != RunPhase.STOPPED) {
      state =
          switch (state) {
            case PREPARING_FOR_STEP -> prepareForStep();
            case GENERATING_TOOL_CALL -> generation.generateToolCall();
            case CALLING_TOOL -> toolCalling.callTools();
            case GENERATING_RUN_RESULT -> generation.generateRunResult();
            case FINISHING_STEP -> finishStep();
            case STOPPED -> RunPhase.STOPPED;
          };
    }
    return new RunOutcome(ctx.cp.build(), ctx.resultText);
  }

  private RunPhase init(Checkpoint initial, RunInput input) {
    ctx.cp = new CheckpointDraft(initial);
    List<InputMessage> inputs = new ArrayList<>();
    switch (initial.status()) {
      case INIT -> {
        inputs.add(instruction.build(ctx.events.now()));
        inputs.add(RunMessages.user(input.query().orElseThrow(() -> missing("a query"))));
      }
      case STOPPED_BY_DELEGATE, STOPPED_BY_INTERACTIVE_TOOL -> {
        ctx.cp.id = Ids.next();
        input
            .answer()
            .ifPresent(
                answer -> {
                  List<ToolResult> partial = new ArrayList<>(ctx.cp.partial());
                  partial.add(
                      new ToolResult(
                          answer.toolCallId(),
                          answer.skillName(),
                          answer.toolName(),
                          List.of(new TextPart(Ids.next(), answer.text()))));
                  ctx.cp.partialToolResults = Optional.of(partial);
                  ctx.cp.pendingToolCalls =
                      Optional.of(
                          ctx.cp.pending().stream()
                              .filter(c -> !c.id().equals(answer.toolCallId()))
                              .toList());
                });
      }
      default -> {
        // Continuing a finished job: a new ctx.step of the same job, with the new query.
        ctx.cp.id = Ids.next();
        ctx.cp.stepNumber++;
        ctx.cp.error = Optional.empty();
        inputs.add(RunMessages.user(input.query().orElseThrow(() -> missing("a query"))));
      }
    }
    ctx.cp.delegateTo = Optional.empty();
    ctx.events.startRun(ctx.cp.stepNumber, ctx.cp.build(), inputs);
    ctx.cp.status = CheckpointStatus.PROCEEDING;
    ctx.cp.messages.addAll(inputs);
    ctx.step = new StepDraft(ctx.cp.stepNumber, inputs, ctx.events.now());
    try {
      ctx.toolbox = toolboxFactory.build();
    } catch (SkillException e) {
      return ctx.stopByError(
          new RunError("SkillError", e.getMessage(), OptionalInt.empty(), false));
    }
    return RunPhase.PREPARING_FOR_STEP;
  }

  private RunPhase prepareForStep() {
    if (!ctx.cp.pending().isEmpty()) {
      ctx.events.resumeToolCalls(ctx.cp.stepNumber, ctx.cp.pending(), ctx.cp.partial());
      ctx.step.toolCalls = ctx.cp.pending();
      ctx.step.toolResults = ctx.cp.partial();
      ctx.callsToRun = ctx.cp.pending();
      return RunPhase.CALLING_TOOL;
    }
    if (!ctx.cp.partial().isEmpty()) {
      ToolMessage message = RunMessages.tool(ctx.cp.partial());
      ctx.events.finishAllToolCalls(ctx.cp.stepNumber, List.of(message));
      ctx.cp.messages.add(message);
      ctx.step.newMessages.add(message);
      ctx.step.toolResults = ctx.cp.partial();
      ctx.cp.pendingToolCalls = Optional.empty();
      ctx.cp.partialToolResults = Optional.empty();
      return RunPhase.FINISHING_STEP;
    }
    ctx.events.startGeneration(ctx.cp.stepNumber, List.copyOf(ctx.cp.messages));
    ctx.step = new StepDraft(ctx.cp.stepNumber, ctx.step.inputMessages, ctx.events.now());
    return RunPhase.GENERATING_TOOL_CALL;
  }

  private RunPhase finishStep() {
    if (ctx.cp.stepNumber >= ctx.settings.limits().maxSteps()) {
      ctx.cp.status = CheckpointStatus.STOPPED_BY_EXCEEDED_MAX_STEPS;
      ctx.events.stopRunByExceededMaxSteps(ctx.cp.build(), ctx.step.finish(ctx.events.now()));
      return RunPhase.STOPPED;
    }
    Checkpoint done = ctx.cp.build();
    ctx.cp.id = Ids.next();
    ctx.cp.stepNumber++;
    ctx.events.continueToNextStep(done, ctx.step.finish(ctx.events.now()), ctx.cp.build());
    ctx.step = new StepDraft(ctx.cp.stepNumber, List.of(), ctx.events.now());
    return RunPhase.PREPARING_FOR_STEP;
  }

  private static IllegalArgumentException missing(String what) {
    return new IllegalArgumentException("this run needs " + what + " to start");
  }
}

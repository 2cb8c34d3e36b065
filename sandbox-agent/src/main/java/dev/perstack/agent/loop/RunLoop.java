package dev.perstack.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.DelegationTarget;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InputMessage;
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
 * One run of one expert: Perstack's state machine from {@code Init} to {@code Stopped}, emitting
 * the same events in the same order. Not thread-safe; a run is driven by one thread.
 */
final class RunLoop {
  private enum State {
    PREPARING_FOR_STEP,
    GENERATING_TOOL_CALL,
    CALLING_TOOL,
    GENERATING_RUN_RESULT,
    FINISHING_STEP,
    STOPPED
  }

  /** Builds the toolbox once the run has started, so that a skill failure stops it by error. */
  interface ToolboxFactory {
    ExpertToolbox build() throws SkillException;
  }

  private final RunSettings settings;
  private final ExpertSpec expert;
  private final ToolboxFactory toolboxFactory;
  private final ModelGateway model;
  private final ToolExecutor tools;
  private final RunEvents events;
  private final InstructionSource instruction;

  private ExpertToolbox toolbox;
  private CheckpointDraft cp;
  private StepDraft step;
  private List<ToolCall> callsToRun = List.of();
  private Optional<String> resultText = Optional.empty();

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
    this.settings = settings;
    this.expert = expert;
    this.toolboxFactory = toolboxFactory;
    this.model = model;
    this.tools = tools;
    this.events = events;
    this.instruction = instruction;
  }

  RunOutcome run(Checkpoint initial, RunInput input) throws InterruptedException {
    State state = init(initial, input);
    while (state != State.STOPPED) {
      state =
          switch (state) {
            case PREPARING_FOR_STEP -> prepareForStep();
            case GENERATING_TOOL_CALL -> generateToolCall();
            case CALLING_TOOL -> callTools();
            case GENERATING_RUN_RESULT -> generateRunResult();
            case FINISHING_STEP -> finishStep();
            case STOPPED -> State.STOPPED;
          };
    }
    return new RunOutcome(cp.build(), resultText);
  }

  private State init(Checkpoint initial, RunInput input) {
    cp = new CheckpointDraft(initial);
    List<InputMessage> inputs = new ArrayList<>();
    switch (initial.status()) {
      case INIT -> {
        inputs.add(instruction.build(events.now()));
        inputs.add(RunMessages.user(input.query().orElseThrow(() -> missing("a query"))));
      }
      case STOPPED_BY_DELEGATE, STOPPED_BY_INTERACTIVE_TOOL -> {
        cp.id = Ids.next();
        input
            .answer()
            .ifPresent(
                answer -> {
                  List<ToolResult> partial = new ArrayList<>(cp.partial());
                  partial.add(
                      new ToolResult(
                          answer.toolCallId(),
                          answer.skillName(),
                          answer.toolName(),
                          List.of(new TextPart(Ids.next(), answer.text()))));
                  cp.partialToolResults = Optional.of(partial);
                  cp.pendingToolCalls =
                      Optional.of(
                          cp.pending().stream()
                              .filter(c -> !c.id().equals(answer.toolCallId()))
                              .toList());
                });
      }
      default -> {
        // Continuing a finished job: a new step of the same job, with the new query.
        cp.id = Ids.next();
        cp.stepNumber++;
        cp.error = Optional.empty();
        inputs.add(RunMessages.user(input.query().orElseThrow(() -> missing("a query"))));
      }
    }
    cp.delegateTo = Optional.empty();
    events.startRun(cp.stepNumber, cp.build(), inputs);
    cp.status = CheckpointStatus.PROCEEDING;
    cp.messages.addAll(inputs);
    step = new StepDraft(cp.stepNumber, inputs, events.now());
    try {
      toolbox = toolboxFactory.build();
    } catch (SkillException e) {
      return stopByError(new RunError("SkillError", e.getMessage(), OptionalInt.empty(), false));
    }
    return State.PREPARING_FOR_STEP;
  }

  private State prepareForStep() {
    if (!cp.pending().isEmpty()) {
      events.resumeToolCalls(cp.stepNumber, cp.pending(), cp.partial());
      step.toolCalls = cp.pending();
      step.toolResults = cp.partial();
      callsToRun = cp.pending();
      return State.CALLING_TOOL;
    }
    if (!cp.partial().isEmpty()) {
      ToolMessage message = RunMessages.tool(cp.partial());
      events.finishAllToolCalls(cp.stepNumber, List.of(message));
      cp.messages.add(message);
      step.newMessages.add(message);
      step.toolResults = cp.partial();
      cp.pendingToolCalls = Optional.empty();
      cp.partialToolResults = Optional.empty();
      return State.FINISHING_STEP;
    }
    events.startGeneration(cp.stepNumber, List.copyOf(cp.messages));
    step = new StepDraft(cp.stepNumber, step.inputMessages, events.now());
    return State.GENERATING_TOOL_CALL;
  }

  private State generateToolCall() throws InterruptedException {
    StreamedDeltas deltas = new StreamedDeltas(events, cp.stepNumber, false);
    GenerationResponse response;
    try {
      response = model.generate(request(cp.messages, true), deltas);
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
      return complete(List.of(RunMessages.expert(kept)), text, response.usage());
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
    events.callTools(cp.stepNumber, message, calls, response.usage());
    cp.messages.add(message);
    cp.usage = Usages.sum(cp.usage, response.usage());
    cp.retryCount = 0;
    step.newMessages.clear();
    step.newMessages.add(message);
    step.toolCalls = calls;
    step.usage = Usages.sum(step.usage, response.usage());
    callsToRun = calls;
    return State.CALLING_TOOL;
  }

  private State callTools() throws InterruptedException {
    List<ToolResult> results = new ArrayList<>(step.toolResults);
    Optional<ToolCall> attempt =
        callsToRun.stream()
            .filter(
                c ->
                    c.skillName().equals(BaseSkillSpec.NAME)
                        && c.toolName().equals("attemptCompletion"))
            .findFirst();
    List<ToolCall> skillCalls = ofKind(ToolRoute.Kind.SKILL);
    if (attempt.isPresent()) {
      return attemptCompletion(attempt.get(), results, skillCalls);
    }
    results.addAll(tools.runAll(skillCalls, toolbox));
    List<ToolCall> delegates = ofKind(ToolRoute.Kind.DELEGATE);
    List<ToolCall> interactive = ofKind(ToolRoute.Kind.INTERACTIVE);
    if (!delegates.isEmpty()) {
      return stopForDelegates(delegates, interactive, results);
    }
    if (!interactive.isEmpty()) {
      step.partialToolResults = results;
      step.pendingToolCalls = interactive;
      events.callInteractiveTool(
          cp.stepNumber, lastExpertMessage(), interactive.get(0), step.usage);
      cp.status = CheckpointStatus.STOPPED_BY_INTERACTIVE_TOOL;
      cp.pendingToolCalls = Optional.of(interactive);
      cp.partialToolResults = Optional.of(results);
      events.stopRunByInteractiveTool(cp.build(), step.finish(events.now()));
      return State.STOPPED;
    }
    events.resolveToolResults(cp.stepNumber, results);
    return resolve(results);
  }

  private State attemptCompletion(
      ToolCall attempt, List<ToolResult> results, List<ToolCall> skillCalls)
      throws InterruptedException {
    ToolResult completion = tools.runOne(attempt, toolbox);
    List<ToolCall> others = skillCalls.stream().filter(c -> c != attempt).toList();
    results.addAll(tools.runAll(others, toolbox));
    for (ToolCall skipped : callsToRun) {
      if (!skillCalls.contains(skipped)) {
        // Every call needs an answer (providers refuse a tool call without a result).
        results.add(
            ToolExecutor.error(
                skipped, "not run, because attemptCompletion was called in the same step"));
      }
    }
    results.add(completion);
    if (RunMessages.hasRemainingTodos(completion)) {
      events.resolveToolResults(cp.stepNumber, results);
      return resolve(results);
    }
    Optional<String> written = RunMessages.lastExpertText(cp.messages);
    if (written.isPresent()) {
      step.toolResults = results;
      List<Message> closing =
          List.of(
              RunMessages.tool(results),
              RunMessages.expert(List.of(new TextPart(Ids.next(), written.get()))));
      return complete(closing, written.get(), Usages.ZERO);
    }
    events.attemptCompletion(cp.stepNumber, completion);
    step.toolResults = results;
    return State.GENERATING_RUN_RESULT;
  }

  private State stopForDelegates(
      List<ToolCall> delegates, List<ToolCall> interactive, List<ToolResult> results) {
    List<DelegationTarget> targets = new ArrayList<>();
    for (ToolCall call : delegates) {
      JsonNode query = call.args().get("query");
      ExpertSpec delegate =
          toolbox.route(call.toolName()).flatMap(ToolRoute::delegate).orElseThrow();
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
      events.resolveToolResults(cp.stepNumber, results);
      return resolve(results);
    }
    step.partialToolResults = results;
    List<ToolCall> pending = new ArrayList<>(delegates);
    pending.addAll(interactive);
    step.pendingToolCalls = pending;
    events.callDelegate(cp.stepNumber, lastExpertMessage(), delegates, step.usage);
    cp.status = CheckpointStatus.STOPPED_BY_DELEGATE;
    cp.delegateTo = Optional.of(targets);
    cp.pendingToolCalls = Optional.of(interactive);
    cp.partialToolResults = Optional.of(results);
    events.stopRunByDelegate(cp.build(), step.finish(events.now()));
    return State.STOPPED;
  }

  private State resolve(List<ToolResult> results) {
    step.toolResults = results;
    ToolMessage message = RunMessages.tool(results);
    events.finishToolCall(cp.stepNumber, List.of(message));
    cp.messages.add(message);
    step.newMessages.add(message);
    return State.FINISHING_STEP;
  }

  private State generateRunResult() throws InterruptedException {
    ToolMessage toolMessage = RunMessages.tool(step.toolResults);
    List<Message> messages = new ArrayList<>(cp.messages);
    messages.add(toolMessage);
    StreamedDeltas deltas = new StreamedDeltas(events, cp.stepNumber, true);
    GenerationResponse response;
    try {
      response = model.generate(request(messages, false), deltas);
    } catch (GenerationFailure failure) {
      deltas.finish("");
      return retryOrStop(failure.error(), List.of(toolMessage));
    }
    List<ExpertContent> contents = response.contents();
    deltas.finish(RunMessages.thinking(contents));
    String text = RunMessages.text(contents);
    List<ExpertContent> kept = new ArrayList<>(RunMessages.thinkingParts(contents));
    kept.add(new TextPart(Ids.next(), text));
    return complete(List.of(toolMessage, RunMessages.expert(kept)), text, response.usage());
  }

  private State finishStep() {
    if (cp.stepNumber >= settings.limits().maxSteps()) {
      cp.status = CheckpointStatus.STOPPED_BY_EXCEEDED_MAX_STEPS;
      events.stopRunByExceededMaxSteps(cp.build(), step.finish(events.now()));
      return State.STOPPED;
    }
    Checkpoint done = cp.build();
    cp.id = Ids.next();
    cp.stepNumber++;
    events.continueToNextStep(done, step.finish(events.now()), cp.build());
    step = new StepDraft(cp.stepNumber, List.of(), events.now());
    return State.PREPARING_FOR_STEP;
  }

  private State complete(
      List<Message> newMessages, String text, dev.perstack.protocol.message.Usage usage) {
    cp.messages.addAll(newMessages);
    cp.usage = Usages.sum(cp.usage, usage);
    cp.status = CheckpointStatus.COMPLETED;
    cp.retryCount = 0;
    step.newMessages.addAll(newMessages);
    step.usage = Usages.sum(step.usage, usage);
    events.completeRun(cp.build(), step.finish(events.now()), text, usage);
    resultText = Optional.of(text);
    return State.STOPPED;
  }

  private State retryOrStop(RunError error, List<Message> before) {
    return retryOrStop(error, before, error.name(), null);
  }

  private State retryOrStop(
      RunError error, List<Message> before, String reasonName, GenerationResponse response) {
    int maxRetries = settings.limits().maxRetries();
    if (!error.isRetryable() || cp.retryCount >= maxRetries) {
      String message =
          cp.retryCount >= maxRetries
              ? "Max retries (" + maxRetries + ") exceeded: " + error.message()
              : error.message();
      String name =
          cp.retryCount >= maxRetries && error.isRetryable() ? "MaxRetriesExceeded" : error.name();
      return stopByError(new RunError(name, message, error.statusCode(), false));
    }
    String reason = RunMessages.retryReason(reasonName, error.message());
    List<Message> newMessages = new ArrayList<>(before);
    newMessages.add(RunMessages.user(reason));
    var usage = response == null ? Usages.ZERO : response.usage();
    events.retry(cp.stepNumber, reason, newMessages, Optional.empty(), Optional.empty(), usage);
    recordRetry(newMessages, usage);
    return State.FINISHING_STEP;
  }

  private State retryAfterLength(ToolCall first, GenerationResponse response) {
    int maxRetries = settings.limits().maxRetries();
    if (cp.retryCount >= maxRetries) {
      return stopByError(
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
    events.retry(
        cp.stepNumber,
        reason,
        newMessages,
        Optional.of(List.of(first)),
        Optional.of(List.of(result)),
        response.usage());
    recordRetry(newMessages, response.usage());
    return State.FINISHING_STEP;
  }

  private void recordRetry(List<Message> newMessages, dev.perstack.protocol.message.Usage usage) {
    cp.messages.addAll(newMessages);
    cp.usage = Usages.sum(cp.usage, usage);
    cp.retryCount++;
    step.newMessages.clear();
    step.newMessages.addAll(newMessages);
    step.usage = Usages.sum(step.usage, usage);
  }

  private State stopByError(RunError error) {
    cp.status = CheckpointStatus.STOPPED_BY_ERROR;
    cp.error = Optional.of(error);
    events.stopRunByError(cp.build(), step.finish(events.now()), error);
    return State.STOPPED;
  }

  private GenerationRequest request(List<Message> messages, boolean withTools) {
    return new GenerationRequest(
        expert.key(),
        List.copyOf(messages),
        withTools ? toolbox.definitions() : List.of(),
        settings.reasoningBudget(),
        java.util.OptionalLong.empty());
  }

  /** Tool calls in the order they are handled: skills, then delegates, then interactive tools. */
  private List<ToolCall> sortedCalls(List<ToolCallPart> parts) {
    List<ToolCall> calls = new ArrayList<>();
    for (ToolCallPart part : parts) {
      ObjectNode args =
          part.args() instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
      String skillName = toolbox.route(part.toolName()).map(ToolRoute::skillName).orElse("unknown");
      calls.add(new ToolCall(part.toolCallId(), skillName, part.toolName(), args));
    }
    calls.sort(Comparator.comparingInt(c -> kindOf(c).ordinal()));
    return calls;
  }

  private ToolRoute.Kind kindOf(ToolCall call) {
    // An unknown tool is run as a skill call, which answers it with an error result.
    return toolbox.route(call.toolName()).map(ToolRoute::kind).orElse(ToolRoute.Kind.SKILL);
  }

  private List<ToolCall> ofKind(ToolRoute.Kind kind) {
    return callsToRun.stream().filter(c -> kindOf(c) == kind).toList();
  }

  private ExpertMessage lastExpertMessage() {
    for (int i = cp.messages.size() - 1; i >= 0; i--) {
      if (cp.messages.get(i) instanceof ExpertMessage message) {
        return message;
      }
    }
    throw new IllegalStateException("a run calling tools has an expert message");
  }

  private static IllegalArgumentException missing(String what) {
    return new IllegalArgumentException("this run needs " + what + " to start");
  }
}

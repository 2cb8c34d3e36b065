package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.DelegatedBy;
import dev.perstack.protocol.checkpoint.DelegationTarget;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * Runs a whole job: the first run, every delegation (several at once when the model asks for
 * several), the parent's resumption with their results, until a run ends the job.
 */
public final class JobRunner {
  private final JobSpec spec;
  private final ModelGateway model;
  private final SkillProvider skills;
  private final EventSink sink;
  private final ExecutorService pool;
  private final LongSupplier clock;
  private final RunSettings settings;

  /**
   * @param pool runs tool calls and parallel delegations; the caller owns and shuts it down
   * @param workingDirectory shown to the model in the system prompt
   */
  public JobRunner(
      JobSpec spec,
      ModelGateway model,
      SkillProvider skills,
      EventSink sink,
      ExecutorService pool,
      LongSupplier clock,
      String workingDirectory) {
    this.spec = spec;
    this.model = model;
    this.skills = skills;
    this.sink = sink;
    this.pool = pool;
    this.clock = clock;
    this.settings =
        new RunSettings(spec.jobId(), spec.reasoningBudget(), spec.limits(), workingDirectory);
  }

  /** Runs the job to its end and says how it ended. */
  public JobOutcome run() throws InterruptedException {
    String runId = spec.runId().orElseGet(Ids::next);
    RunOutcome outcome;
    if (spec.checkpoint().isEmpty()) {
      ExpertSpec expert = expert(spec.expertKey());
      Checkpoint initial =
          CheckpointDraft.initial(
              spec.jobId(), runId, 1, ref(expert), Optional.empty(), Usages.ZERO);
      outcome = runExpert(expert, initial, RunInput.query(spec.query().orElseThrow()));
    } else {
      Checkpoint stored = spec.checkpoint().get();
      CheckpointDraft resumed = new CheckpointDraft(stored);
      resumed.runId = runId;
      RunInput input =
          spec.interactiveToolAnswer()
              .map(RunInput::answer)
              .orElseGet(() -> RunInput.query(spec.query().orElseThrow()));
      outcome = runExpert(expert(stored.expert().key()), resumed.build(), input);
    }
    return JobOutcome.of(outcome.checkpoint(), outcome.text());
  }

  /** Runs an expert from {@code checkpoint}, handling its delegations, until it stops. */
  private RunOutcome runExpert(ExpertSpec expert, Checkpoint checkpoint, RunInput input)
      throws InterruptedException {
    RunOutcome outcome = newRun(expert, checkpoint).run(checkpoint, input);
    while (outcome.checkpoint().status() == CheckpointStatus.STOPPED_BY_DELEGATE) {
      Checkpoint parent = outcome.checkpoint();
      List<RunOutcome> children = runDelegations(parent);
      for (RunOutcome child : children) {
        if (child.checkpoint().status() != CheckpointStatus.COMPLETED) {
          // A delegate that did not complete ends the job the way it ended.
          return child;
        }
      }
      Checkpoint resumed = resumeAfter(parent, children);
      outcome = newRun(expert, resumed).run(resumed, RunInput.afterDelegation());
    }
    return outcome;
  }

  private List<RunOutcome> runDelegations(Checkpoint parent) throws InterruptedException {
    List<DelegationTarget> targets = parent.delegateTo().orElse(List.of());
    if (targets.size() == 1) {
      return List.of(runDelegate(parent, targets.get(0)));
    }
    List<Future<RunOutcome>> running = new ArrayList<>();
    for (DelegationTarget target : targets) {
      running.add(pool.submit(() -> runDelegate(parent, target)));
    }
    List<RunOutcome> outcomes = new ArrayList<>();
    try {
      for (Future<RunOutcome> future : running) {
        outcomes.add(future.get());
      }
    } catch (ExecutionException e) {
      running.forEach(f -> f.cancel(true));
      throw new IllegalStateException("a delegated run failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      running.forEach(f -> f.cancel(true));
      throw e;
    }
    return outcomes;
  }

  private RunOutcome runDelegate(Checkpoint parent, DelegationTarget target)
      throws InterruptedException {
    ExpertSpec child = expert(target.expert().key());
    DelegatedBy delegatedBy =
        new DelegatedBy(
            parent.expert(), target.toolCallId(), target.toolName(), parent.id(), parent.runId());
    // The child starts with an empty context; step numbers and usage continue the job's.
    Checkpoint initial =
        CheckpointDraft.initial(
            spec.jobId(),
            Ids.next(),
            parent.stepNumber(),
            ref(child),
            Optional.of(delegatedBy),
            parent.usage());
    return runExpert(child, initial, RunInput.query(target.query()));
  }

  /** The parent's checkpoint with every delegate's final text as its tool call's result. */
  private Checkpoint resumeAfter(Checkpoint parent, List<RunOutcome> children) {
    CheckpointDraft draft = new CheckpointDraft(parent);
    draft.runId = Ids.next();
    List<ToolResult> partial = new ArrayList<>(draft.partial());
    Usage usage = parent.usage();
    int step = parent.stepNumber();
    List<DelegationTarget> targets = parent.delegateTo().orElse(List.of());
    for (int i = 0; i < children.size(); i++) {
      RunOutcome child = children.get(i);
      DelegationTarget target = targets.get(i);
      partial.add(
          new ToolResult(
              target.toolCallId(),
              target.expert().key(),
              target.toolName(),
              List.of(new TextPart(Ids.next(), child.text().orElse("")))));
      usage = Usages.sum(usage, Usages.delta(child.checkpoint().usage(), parent.usage()));
      step = Math.max(step, child.checkpoint().stepNumber());
    }
    List<String> answered = targets.stream().map(DelegationTarget::toolCallId).toList();
    List<ToolCall> pending =
        draft.pending().stream().filter(c -> !answered.contains(c.id())).toList();
    draft.partialToolResults = Optional.of(partial);
    draft.pendingToolCalls = Optional.of(pending);
    draft.usage = usage;
    draft.stepNumber = step;
    draft.delegateTo = Optional.empty();
    return draft.build();
  }

  private RunLoop newRun(ExpertSpec expert, Checkpoint checkpoint) {
    RunEvents events = new RunEvents(sink, clock, spec.jobId(), checkpoint.runId(), expert.key());
    Map<String, ExpertSpec> experts = spec.experts();
    boolean delegated = checkpoint.delegatedBy().isPresent();
    return new RunLoop(
        settings,
        expert,
        () -> ExpertToolbox.of(expert, experts, skills, delegated),
        model,
        new ToolExecutor(pool),
        events,
        startedAt -> InstructionPrompt.of(expert, experts, startedAt, settings.workingDirectory()));
  }

  private ExpertSpec expert(String key) {
    ExpertSpec expert = spec.experts().get(key);
    if (expert == null) {
      throw new IllegalArgumentException(
          "the job spec has no expert " + key + "; it has " + spec.experts().keySet());
    }
    return expert;
  }

  private static ExpertRef ref(ExpertSpec expert) {
    return new ExpertRef(expert.key(), expert.name(), expert.version());
  }
}

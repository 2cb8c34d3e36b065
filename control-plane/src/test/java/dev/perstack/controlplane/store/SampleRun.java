package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.event.CallTools;
import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.FinishToolCall;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.event.StartRun;
import dev.perstack.protocol.event.StopRunByError;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InputMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A run as the agent reports it: the conversation grows by an expert and a tool message per step,
 * and every step ends with a checkpoint that carries the whole conversation.
 */
final class SampleRun {
  final String jobId;
  final String runId = Samples.id("run");
  final List<Checkpoint> checkpoints = new ArrayList<>();
  final List<PerstackEvent> events = new ArrayList<>();
  final List<ModelExchange> exchanges = new ArrayList<>();

  /** Everything the run reports, in the order a job sends it: events, exchanges, checkpoints. */
  final List<JobReport> reports = new ArrayList<>();

  /** A run of {@code steps} steps that completes (or stops by error) at the last one. */
  SampleRun(String jobId, int steps, boolean failAtEnd) {
    this.jobId = jobId;
    String expert = Samples.EXPERT;
    List<Message> conversation = new ArrayList<>();
    conversation.add(Samples.instruction());
    conversation.add(Samples.query("Write the book"));
    Checkpoint initial = Samples.checkpoint(jobId, runId, 0, CheckpointStatus.INIT, conversation);
    events.add(
        new StartRun(
            Samples.id("e"),
            expert,
            Samples.T,
            jobId,
            runId,
            1,
            initial,
            List.of((InputMessage) conversation.get(1))));
    for (int step = 1; step <= steps; step++) {
      long t = Samples.T + step * 1000L;
      Checkpoint before = last(initial);
      events.add(
          new StartGeneration(
              Samples.id("e"), expert, t, jobId, runId, step, List.copyOf(conversation)));
      exchanges.add(
          Samples.exchange(jobId, step, OptionalDouble.of(0.01), List.copyOf(conversation)));
      ExpertMessage said = Samples.expertTurn(step);
      ToolMessage answered = Samples.toolTurn(step);
      events.add(
          new CallTools(
              Samples.id("e"),
              expert,
              t + 1,
              jobId,
              runId,
              step,
              said,
              List.of(Samples.toolCall(step)),
              Samples.usage(step)));
      events.add(
          new FinishToolCall(
              Samples.id("e"), expert, t + 2, jobId, runId, step, List.of(answered)));
      conversation.add(said);
      conversation.add(answered);
      Step done =
          new Step(
              step,
              Optional.empty(),
              List.of(said, answered),
              Optional.of(List.of(Samples.toolCall(step))),
              Optional.of(List.of(Samples.toolResult(step))),
              Optional.empty(),
              Optional.empty(),
              Samples.usage(step),
              t,
              OptionalLong.of(t + 3));
      boolean lastStep = step == steps;
      CheckpointStatus status =
          !lastStep
              ? CheckpointStatus.PROCEEDING
              : failAtEnd ? CheckpointStatus.STOPPED_BY_ERROR : CheckpointStatus.COMPLETED;
      Checkpoint after = Samples.checkpoint(jobId, runId, step, status, conversation);
      checkpoints.add(after);
      if (!lastStep) {
        events.add(
            new ContinueToNextStep(
                Samples.id("e"), expert, t + 3, jobId, runId, step, before, done, after));
      } else if (failAtEnd) {
        events.add(
            new StopRunByError(
                Samples.id("e"),
                expert,
                t + 3,
                jobId,
                runId,
                step,
                after,
                done,
                new RunError("APICallError", "overloaded", OptionalInt.of(529), true)));
      } else {
        events.add(
            new CompleteRun(
                Samples.id("e"),
                expert,
                t + 3,
                jobId,
                runId,
                step,
                after,
                done,
                "Done.",
                Samples.usage(step)));
      }
    }
    int exchange = 0;
    int checkpoint = 0;
    for (PerstackEvent event : events) {
      reports.add(new JobReport.EventReport(event));
      if (event instanceof StartGeneration) {
        reports.add(new JobReport.ExchangeReport(exchanges.get(exchange++)));
      } else if (event instanceof ContinueToNextStep
          || event instanceof CompleteRun
          || event instanceof StopRunByError) {
        reports.add(new JobReport.CheckpointReport(checkpoints.get(checkpoint++)));
      }
    }
  }

  /** How many messages the run's conversation has at its end. */
  int messageCount() {
    return checkpoints.get(checkpoints.size() - 1).messages().size();
  }

  private Checkpoint last(Checkpoint initial) {
    return checkpoints.isEmpty() ? initial : checkpoints.get(checkpoints.size() - 1);
  }
}

package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.checkpoint.Step;
import dev.perstack.protocol.event.AttemptCompletion;
import dev.perstack.protocol.event.CallDelegate;
import dev.perstack.protocol.event.CallInteractiveTool;
import dev.perstack.protocol.event.CallTools;
import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.CompleteStreamingReasoning;
import dev.perstack.protocol.event.CompleteStreamingRunResult;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.FinishAllToolCalls;
import dev.perstack.protocol.event.FinishToolCall;
import dev.perstack.protocol.event.ResolveToolResults;
import dev.perstack.protocol.event.ResumeToolCalls;
import dev.perstack.protocol.event.Retry;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.event.StartRun;
import dev.perstack.protocol.event.StartStreamingReasoning;
import dev.perstack.protocol.event.StartStreamingRunResult;
import dev.perstack.protocol.event.StopRunByDelegate;
import dev.perstack.protocol.event.StopRunByError;
import dev.perstack.protocol.event.StopRunByExceededMaxSteps;
import dev.perstack.protocol.event.StopRunByInteractiveTool;
import dev.perstack.protocol.event.StreamReasoning;
import dev.perstack.protocol.event.StreamRunResult;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InputMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Emits one run's state and streaming events, stamped with the run's ids, and sends the checkpoint
 * of every step end and every stop.
 */
final class RunEvents {
  private final EventSink sink;
  private final LongSupplier clock;
  private final String jobId;
  private final String runId;
  private final String expertKey;

  RunEvents(EventSink sink, LongSupplier clock, String jobId, String runId, String expertKey) {
    this.sink = sink;
    this.clock = clock;
    this.jobId = jobId;
    this.runId = runId;
    this.expertKey = expertKey;
  }

  long now() {
    return clock.getAsLong();
  }

  void startRun(int step, Checkpoint initial, List<InputMessage> inputMessages) {
    sink.event(
        new StartRun(Ids.next(), expertKey, now(), jobId, runId, step, initial, inputMessages));
  }

  void startGeneration(int step, List<Message> messages) {
    sink.event(new StartGeneration(Ids.next(), expertKey, now(), jobId, runId, step, messages));
  }

  void retry(
      int step,
      String reason,
      List<Message> newMessages,
      Optional<List<ToolCall>> toolCalls,
      Optional<List<ToolResult>> toolResults,
      Usage usage) {
    sink.event(
        new Retry(
            Ids.next(),
            expertKey,
            now(),
            jobId,
            runId,
            step,
            reason,
            newMessages,
            toolCalls,
            toolResults,
            usage));
  }

  void callTools(int step, ExpertMessage message, List<ToolCall> calls, Usage usage) {
    sink.event(
        new CallTools(Ids.next(), expertKey, now(), jobId, runId, step, message, calls, usage));
  }

  void callDelegate(int step, ExpertMessage message, List<ToolCall> calls, Usage usage) {
    sink.event(
        new CallDelegate(Ids.next(), expertKey, now(), jobId, runId, step, message, calls, usage));
  }

  void callInteractiveTool(int step, ExpertMessage message, ToolCall call, Usage usage) {
    sink.event(
        new CallInteractiveTool(
            Ids.next(), expertKey, now(), jobId, runId, step, message, call, usage));
  }

  void resolveToolResults(int step, List<ToolResult> results) {
    sink.event(new ResolveToolResults(Ids.next(), expertKey, now(), jobId, runId, step, results));
  }

  void attemptCompletion(int step, ToolResult result) {
    sink.event(new AttemptCompletion(Ids.next(), expertKey, now(), jobId, runId, step, result));
  }

  void finishToolCall(int step, List<InputMessage> newMessages) {
    sink.event(new FinishToolCall(Ids.next(), expertKey, now(), jobId, runId, step, newMessages));
  }

  void resumeToolCalls(int step, List<ToolCall> pending, List<ToolResult> partial) {
    sink.event(
        new ResumeToolCalls(Ids.next(), expertKey, now(), jobId, runId, step, pending, partial));
  }

  void finishAllToolCalls(int step, List<InputMessage> newMessages) {
    sink.event(
        new FinishAllToolCalls(Ids.next(), expertKey, now(), jobId, runId, step, newMessages));
  }

  void continueToNextStep(Checkpoint checkpoint, Step step, Checkpoint next) {
    sink.checkpoint(checkpoint);
    sink.event(
        new ContinueToNextStep(
            Ids.next(),
            expertKey,
            now(),
            jobId,
            runId,
            checkpoint.stepNumber(),
            checkpoint,
            step,
            next));
  }

  void stopRunByInteractiveTool(Checkpoint checkpoint, Step step) {
    sink.checkpoint(checkpoint);
    sink.event(
        new StopRunByInteractiveTool(
            Ids.next(), expertKey, now(), jobId, runId, checkpoint.stepNumber(), checkpoint, step));
  }

  void stopRunByDelegate(Checkpoint checkpoint, Step step) {
    sink.checkpoint(checkpoint);
    sink.event(
        new StopRunByDelegate(
            Ids.next(), expertKey, now(), jobId, runId, checkpoint.stepNumber(), checkpoint, step));
  }

  void stopRunByExceededMaxSteps(Checkpoint checkpoint, Step step) {
    sink.checkpoint(checkpoint);
    sink.event(
        new StopRunByExceededMaxSteps(
            Ids.next(), expertKey, now(), jobId, runId, checkpoint.stepNumber(), checkpoint, step));
  }

  void stopRunByError(Checkpoint checkpoint, Step step, RunError error) {
    sink.checkpoint(checkpoint);
    sink.event(
        new StopRunByError(
            Ids.next(),
            expertKey,
            now(),
            jobId,
            runId,
            checkpoint.stepNumber(),
            checkpoint,
            step,
            error));
  }

  void completeRun(Checkpoint checkpoint, Step step, String text, Usage usage) {
    sink.checkpoint(checkpoint);
    sink.event(
        new CompleteRun(
            Ids.next(),
            expertKey,
            now(),
            jobId,
            runId,
            checkpoint.stepNumber(),
            checkpoint,
            step,
            text,
            usage));
  }

  void startStreamingReasoning(int step) {
    sink.event(new StartStreamingReasoning(Ids.next(), expertKey, now(), jobId, runId, step));
  }

  void streamReasoning(int step, String delta) {
    sink.event(new StreamReasoning(Ids.next(), expertKey, now(), jobId, runId, step, delta));
  }

  void completeStreamingReasoning(int step, String text) {
    sink.event(
        new CompleteStreamingReasoning(Ids.next(), expertKey, now(), jobId, runId, step, text));
  }

  void startStreamingRunResult(int step) {
    sink.event(new StartStreamingRunResult(Ids.next(), expertKey, now(), jobId, runId, step));
  }

  void streamRunResult(int step, String delta) {
    sink.event(new StreamRunResult(Ids.next(), expertKey, now(), jobId, runId, step, delta));
  }

  void completeStreamingRunResult(int step, String text) {
    sink.event(
        new CompleteStreamingRunResult(Ids.next(), expertKey, now(), jobId, runId, step, text));
  }
}

package dev.perstack.agent.loop;

import dev.perstack.protocol.generation.GenerationDelta;
import java.util.function.Consumer;

/**
 * Turns a generation's streamed deltas into the streaming events: reasoning always, the run result
 * only while generating the final result (tool-call generations may still call tools).
 */
final class StreamedDeltas implements Consumer<GenerationDelta> {
  private final RunEvents events;
  private final int step;
  private final boolean streamResult;
  private final StringBuilder reasoning = new StringBuilder();
  private final StringBuilder result = new StringBuilder();
  private boolean reasoningOpen;
  private boolean reasoningDone;
  private boolean resultOpen;

  StreamedDeltas(RunEvents events, int step, boolean streamResult) {
    this.events = events;
    this.step = step;
    this.streamResult = streamResult;
  }

  @Override
  public synchronized void accept(GenerationDelta delta) {
    if (delta.kind() == GenerationDelta.Kind.REASONING) {
      if (!reasoningOpen) {
        reasoningOpen = true;
        events.startStreamingReasoning(step);
      }
      reasoning.append(delta.text());
      events.streamReasoning(step, delta.text());
      return;
    }
    closeReasoning();
    if (streamResult) {
      if (!resultOpen) {
        resultOpen = true;
        events.startStreamingRunResult(step);
      }
      result.append(delta.text());
      events.streamRunResult(step, delta.text());
    }
  }

  /** Ends open streams once the generation is over. */
  synchronized void finish(String fallbackReasoning) {
    if (!reasoningOpen && !fallbackReasoning.isEmpty() && !reasoningDone) {
      // No reasoning was streamed but the answer has some: report it whole, as the original does.
      reasoning.append(fallbackReasoning);
      reasoningOpen = true;
    }
    closeReasoning();
    if (resultOpen) {
      resultOpen = false;
      events.completeStreamingRunResult(step, result.toString());
    }
  }

  private void closeReasoning() {
    if (reasoningOpen) {
      reasoningOpen = false;
      reasoningDone = true;
      events.completeStreamingReasoning(step, reasoning.toString());
    }
  }
}

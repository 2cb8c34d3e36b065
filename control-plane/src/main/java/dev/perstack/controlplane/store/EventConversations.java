package dev.perstack.controlplane.store;

import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.event.StartRun;
import dev.perstack.protocol.event.StopRunByDelegate;
import dev.perstack.protocol.event.StopRunByError;
import dev.perstack.protocol.event.StopRunByExceededMaxSteps;
import dev.perstack.protocol.event.StopRunByInteractiveTool;
import dev.perstack.protocol.message.Message;
import java.util.List;

/**
 * The whole conversations an event carries under a {@code messages} key (its checkpoints' and
 * startGeneration's), in the order they appear in its JSON. These grow with every step, so the
 * store keeps them in the message log instead of in each event; an event not listed here is stored
 * whole, which is always correct.
 */
final class EventConversations {
  private EventConversations() {}

  static List<List<? extends Message>> of(PerstackEvent event) {
    if (event instanceof StartGeneration e) {
      return List.of(e.messages());
    } else if (event instanceof StartRun e) {
      return List.of(e.initialCheckpoint().messages());
    } else if (event instanceof ContinueToNextStep e) {
      return List.of(e.checkpoint().messages(), e.nextCheckpoint().messages());
    } else if (event instanceof CompleteRun e) {
      return List.of(e.checkpoint().messages());
    } else if (event instanceof StopRunByDelegate e) {
      return List.of(e.checkpoint().messages());
    } else if (event instanceof StopRunByError e) {
      return List.of(e.checkpoint().messages());
    } else if (event instanceof StopRunByExceededMaxSteps e) {
      return List.of(e.checkpoint().messages());
    } else if (event instanceof StopRunByInteractiveTool e) {
      return List.of(e.checkpoint().messages());
    }
    return List.of();
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import java.util.List;

/** Checks of the fields every event shares. */
final class EventFields {
  private EventFields() {}

  static void checkRuntime(String id, long timestamp, String jobId, String runId) {
    Require.id(id, "id");
    Require.nonNegative(timestamp, "timestamp");
    Require.id(jobId, "jobId");
    Require.id(runId, "runId");
  }

  static void checkRun(
      String id, String expertKey, long timestamp, String jobId, String runId, int stepNumber) {
    checkRuntime(id, timestamp, jobId, runId);
    Require.name(expertKey, "expertKey", 511);
    Require.nonNegative(stepNumber, "stepNumber");
  }

  /** Messages added during a run are never the system prompt. */
  static void refuseInstructions(List<? extends Message> messages, String field) {
    for (int i = 0; i < messages.size(); i++) {
      if (messages.get(i) instanceof InstructionMessage) {
        throw new IllegalArgumentException(
            field + "[" + i + "] is an instructionMessage; only the run's start may add one");
      }
    }
  }
}

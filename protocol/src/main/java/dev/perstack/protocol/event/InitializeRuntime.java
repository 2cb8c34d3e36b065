package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The runtime started a run with these settings.
 *
 * @param runtime the runtime's name, such as {@code docker}
 * @param experts keys of every expert the job may run
 * @param timeout milliseconds per generation
 * @param interactiveToolCall the answered call when the run resumes an interactive tool
 */
public record InitializeRuntime(
    String id,
    long timestamp,
    String jobId,
    String runId,
    String runtimeVersion,
    Optional<String> runtime,
    String expertName,
    List<String> experts,
    String model,
    OptionalInt maxSteps,
    int maxRetries,
    long timeout,
    Optional<String> query,
    Optional<InteractiveToolCall> interactiveToolCall)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "initializeRuntime";

  public InitializeRuntime {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(runtimeVersion, "runtimeVersion");
    Require.present(runtime, "runtime");
    Require.present(expertName, "expertName");
    experts = Require.list(experts, "experts");
    Require.present(model, "model");
    Require.nonNegative(maxSteps, "maxSteps");
    Require.nonNegative(maxRetries, "maxRetries");
    Require.nonNegative(timeout, "timeout");
    Require.present(query, "query");
    Require.present(interactiveToolCall, "interactiveToolCall");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The interactive tool call a resumed run answers.
   *
   * @param text the person's answer
   */
  public record InteractiveToolCall(String toolName, String toolCallId, String text) {
    public InteractiveToolCall {
      Require.present(toolName, "toolName");
      Require.id(toolCallId, "toolCallId");
      Require.present(text, "text");
    }
  }
}

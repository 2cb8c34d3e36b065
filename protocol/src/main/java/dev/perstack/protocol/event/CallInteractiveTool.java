package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.Usage;

/** The model called a tool a person must answer; the run will stop. */
public record CallInteractiveTool(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    ExpertMessage newMessage,
    ToolCall toolCall,
    Usage usage)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "callInteractiveTool";

  public CallInteractiveTool {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(newMessage, "newMessage");
    Require.present(toolCall, "toolCall");
    Require.present(usage, "usage");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

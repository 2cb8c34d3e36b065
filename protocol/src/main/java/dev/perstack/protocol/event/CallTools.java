package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.Usage;
import java.util.List;

/** The model called tools of MCP skills. */
public record CallTools(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    ExpertMessage newMessage,
    List<ToolCall> toolCalls,
    Usage usage)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "callTools";

  public CallTools {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(newMessage, "newMessage");
    toolCalls = Require.list(toolCalls, "toolCalls");
    Require.present(usage, "usage");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

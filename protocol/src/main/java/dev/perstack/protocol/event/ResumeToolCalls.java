package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import java.util.List;

/** A resumed run picks up the tool calls it stopped at. */
public record ResumeToolCalls(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    List<ToolCall> pendingToolCalls,
    List<ToolResult> partialToolResults)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "resumeToolCalls";

  public ResumeToolCalls {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    pendingToolCalls = Require.list(pendingToolCalls, "pendingToolCalls");
    partialToolResults = Require.list(partialToolResults, "partialToolResults");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

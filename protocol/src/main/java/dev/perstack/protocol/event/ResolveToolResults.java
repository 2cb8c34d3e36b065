package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.ToolResult;
import java.util.List;

/** Tool calls of the step returned. */
public record ResolveToolResults(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    List<ToolResult> toolResults)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "resolveToolResults";

  public ResolveToolResults {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    toolResults = Require.list(toolResults, "toolResults");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

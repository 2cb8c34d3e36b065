package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.List;
import java.util.Optional;

/**
 * A generation was unusable and will be retried.
 *
 * @param newMessages user, expert or tool messages to add before retrying
 */
public record Retry(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    String reason,
    List<Message> newMessages,
    Optional<List<ToolCall>> toolCalls,
    Optional<List<ToolResult>> toolResults,
    Usage usage)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "retry";

  public Retry {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(reason, "reason");
    newMessages = Require.list(newMessages, "newMessages");
    toolCalls = Require.optionalList(toolCalls, "toolCalls");
    toolResults = Require.optionalList(toolResults, "toolResults");
    Require.present(usage, "usage");
    EventFields.refuseInstructions(newMessages, "newMessages");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * The answer to one tool call, sent back to the model.
 *
 * @param isError whether the tool failed; absent means it did not say
 */
public record ToolResultPart(
    String id,
    String toolCallId,
    String toolName,
    List<ToolResultContent> contents,
    Optional<Boolean> isError)
    implements MessagePart {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "toolResultPart";

  public ToolResultPart {
    Require.id(id, "id");
    Require.id(toolCallId, "toolCallId");
    Require.present(toolName, "toolName");
    contents = Require.list(contents, "contents");
    Require.present(isError, "isError");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.protocol.internal.Require;

/**
 * A tool call as the model wrote it in its message.
 *
 * @param args the arguments exactly as generated; any JSON value
 */
public record ToolCallPart(String id, String toolCallId, String toolName, JsonNode args)
    implements ExpertContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "toolCallPart";

  public ToolCallPart {
    Require.id(id, "id");
    Require.id(toolCallId, "toolCallId");
    Require.present(toolName, "toolName");
    args = Require.json(args, "args");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** A copy of {@code args}; the record itself cannot be changed. */
  @Override
  public JsonNode args() {
    return args.deepCopy();
  }
}

package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.List;

/**
 * What a tool returned for one tool call.
 *
 * @param id the id of the tool call answered
 */
public record ToolResult(String id, String skillName, String toolName, List<MessagePart> result) {
  public ToolResult {
    Require.id(id, "id");
    Require.name(skillName, "skillName", 255);
    Require.name(toolName, "toolName", 255);
    result = Require.list(result, "result");
  }
}

package dev.perstack.protocol.message;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.internal.Require;

/**
 * A tool call resolved to the skill that provides the tool.
 *
 * @param id the model's tool call id
 * @param args the arguments, always a JSON object
 */
public record ToolCall(String id, String skillName, String toolName, ObjectNode args) {
  public ToolCall {
    Require.id(id, "id");
    Require.name(skillName, "skillName", 255);
    Require.name(toolName, "toolName", 255);
    args = Require.object(args, "args");
  }

  /** A copy of {@code args}; the record itself cannot be changed. */
  @Override
  public ObjectNode args() {
    return args.deepCopy();
  }
}

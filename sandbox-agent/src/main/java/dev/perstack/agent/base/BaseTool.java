package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ToolResultContent;
import java.util.List;

/** One tool of the base skill: what the model is told about it and what runs when it is called. */
record BaseTool(ToolDefinition definition, Handler handler) {

  /** What a tool does with the model's arguments. */
  @FunctionalInterface
  interface Handler {
    List<ToolResultContent> call(ObjectNode arguments) throws ToolCallException;
  }

  String name() {
    return definition.name();
  }
}

package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.generation.ToolDefinition;
import java.util.Optional;

/** A small builder for the JSON Schema objects of the tools' arguments. */
final class Schema {
  private final ObjectNode schema = Results.object();
  private final ObjectNode properties = schema.putObject("properties");
  private final ArrayNode required = Results.JSON.createArrayNode();

  private Schema() {
    schema.put("type", "object");
  }

  static Schema object() {
    return new Schema();
  }

  Schema string(String name, String description, boolean isRequired) {
    return add(name, "string", description, isRequired);
  }

  Schema bool(String name, String description, boolean isRequired) {
    return add(name, "boolean", description, isRequired);
  }

  Schema number(String name, String description, boolean isRequired) {
    return add(name, "number", description, isRequired);
  }

  Schema array(String name, String itemType, String description, boolean isRequired) {
    add(name, "array", description, isRequired);
    ((ObjectNode) properties.get(name)).putObject("items").put("type", itemType);
    return this;
  }

  Schema stringMap(String name, String description, boolean isRequired) {
    add(name, "object", description, isRequired);
    ((ObjectNode) properties.get(name)).putObject("additionalProperties").put("type", "string");
    return this;
  }

  /** The tool definition with this schema. */
  ToolDefinition tool(String toolName, String description) {
    if (!required.isEmpty()) {
      schema.set("required", required);
    }
    return new ToolDefinition(toolName, Optional.of(description), schema);
  }

  private Schema add(String name, String type, String description, boolean isRequired) {
    ObjectNode property = properties.putObject(name);
    property.put("type", type);
    if (description != null) {
      property.put("description", description);
    }
    if (isRequired) {
      required.add(name);
    }
    return this;
  }
}

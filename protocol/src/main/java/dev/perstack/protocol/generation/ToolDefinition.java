package dev.perstack.protocol.generation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.internal.Require;
import java.util.Optional;

/**
 * A tool offered to the model, described without any provider's format.
 *
 * @param name the name the model calls it by
 * @param inputSchema a JSON Schema object for the arguments
 */
public record ToolDefinition(String name, Optional<String> description, ObjectNode inputSchema) {
  public ToolDefinition {
    Require.name(name, "name", 255);
    Require.present(description, "description");
    inputSchema = Require.object(inputSchema, "inputSchema");
  }

  /** A copy of {@code inputSchema}; the record itself cannot be changed. */
  @Override
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }
}

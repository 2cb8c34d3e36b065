package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;
import java.util.Optional;

/**
 * One tool of an interactive skill.
 *
 * @param inputJsonSchema a JSON Schema object, as a string
 */
public record InteractiveToolSpec(
    String name, Optional<String> description, String inputJsonSchema) {
  public InteractiveToolSpec {
    Require.name(name, "name", 255);
    Require.present(description, "description");
    Require.present(inputJsonSchema, "inputJsonSchema");
  }
}

package dev.perstack.lockfile.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One tool of an interactive skill.
 *
 * @param inputJsonSchema the tool's input as a JSON Schema object, as written (already checked)
 */
public record InteractiveTool(String name, Optional<String> description, String inputJsonSchema) {
  public InteractiveTool {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputJsonSchema, "inputJsonSchema");
  }
}

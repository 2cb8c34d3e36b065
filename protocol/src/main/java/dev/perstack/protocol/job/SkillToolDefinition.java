package dev.perstack.protocol.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.internal.Require;
import java.util.Optional;

/** A tool definition captured in the lock, so a skill need not be started to list its tools. */
public record SkillToolDefinition(
    String skillName, String name, Optional<String> description, ObjectNode inputSchema) {
  public SkillToolDefinition {
    Require.name(skillName, "skillName", 255);
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

package dev.perstack.lockfile.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Tools answered by a person: calling one stops the run until the answer comes back. */
public record InteractiveSkill(
    String name,
    Optional<String> description,
    Optional<String> rule,
    Map<String, InteractiveTool> tools)
    implements SkillDefinition {

  public InteractiveSkill {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rule, "rule");
    tools = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tools));
  }

  @Override
  public List<String> pick() {
    return List.of();
  }

  @Override
  public List<String> omit() {
    return List.of();
  }
}

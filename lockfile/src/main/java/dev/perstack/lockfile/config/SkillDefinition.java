package dev.perstack.lockfile.config;

import java.util.List;
import java.util.Optional;

/** A skill of an expert, discriminated on {@code type} in {@code perstack.toml}. */
public sealed interface SkillDefinition
    permits BaseSkill, McpStdioSkill, McpSseSkill, InteractiveSkill {

  /** The skill's name: its key under {@code skills}. */
  String name();

  /** Shown to the model with the skill's tools. */
  Optional<String> description();

  /** Appended to the system prompt under the skill's name. */
  Optional<String> rule();

  /** Tool names to keep; empty keeps all. Applied after {@link #omit()}. */
  List<String> pick();

  /** Tool names to drop; applied first. */
  List<String> omit();

  /** Whether a tool of this skill passes the {@code omit}, then {@code pick}, filters. */
  default boolean exposes(String toolName) {
    if (omit().contains(toolName)) {
      return false;
    }
    return pick().isEmpty() || pick().contains(toolName);
  }
}

package dev.perstack.protocol.job;

import java.util.List;
import java.util.Optional;

/** A skill of an expert as the agent needs it, discriminated on {@code type} on the wire. */
public sealed interface SkillSpec
    permits BaseSkillSpec, McpStdioSkillSpec, McpSseSkillSpec, InteractiveSkillSpec {

  /** The skill's {@code type} on the wire, such as {@code mcpStdioSkill}. */
  String type();

  /** The skill's name: its key under the expert's {@code skills}. */
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

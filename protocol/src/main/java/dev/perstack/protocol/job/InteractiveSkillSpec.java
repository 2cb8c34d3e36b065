package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tools a person answers; calling one stops the run.
 *
 * @param name the skill's key under the expert's {@code skills}
 * @param rule text appended to the system prompt under the skill's name
 * @param tools by tool name
 */
public record InteractiveSkillSpec(
    String name,
    Optional<String> description,
    Optional<String> rule,
    Map<String, InteractiveToolSpec> tools)
    implements SkillSpec {
  /** The {@code type} of this skill on the wire. */
  public static final String TYPE = "interactiveSkill";

  public InteractiveSkillSpec {
    Require.name(name, "name", 255);
    Require.present(description, "description");
    Require.present(rule, "rule");
    tools = Require.map(tools, "tools");
    tools.forEach(
        (key, tool) -> {
          if (!key.equals(tool.name())) {
            throw new IllegalArgumentException(
                "tools key " + key + " does not match the tool's name " + tool.name());
          }
        });
  }

  @Override
  public String type() {
    return TYPE;
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

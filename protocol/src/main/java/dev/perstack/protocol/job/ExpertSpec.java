package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An expert as the agent runs it: a plain copy of the locked definition, with no provider settings
 * (those stay with the control plane's model gateway).
 *
 * @param key the expert key, such as {@code my-expert@1.0.0}
 * @param name the key without its version or tag
 * @param description shown to a parent as the delegate tool's description
 * @param skills by name, in the order written; the base skill is always among them
 * @param delegates keys of experts in the same job spec
 * @param toolDefinitions tool definitions captured in the lock; empty when there is no lock
 */
public record ExpertSpec(
    String key,
    String name,
    String version,
    Optional<String> description,
    String instruction,
    Map<String, SkillSpec> skills,
    List<String> delegates,
    List<String> tags,
    List<SkillToolDefinition> toolDefinitions) {

  public ExpertSpec {
    Require.name(key, "key", 511);
    Require.name(name, "name", 255);
    Require.name(version, "version", 255);
    Require.present(description, "description");
    Require.name(instruction, "instruction", 20 * 1024);
    skills = Require.map(skills, "skills");
    delegates = Require.list(delegates, "delegates");
    tags = Require.list(tags, "tags");
    toolDefinitions = Require.list(toolDefinitions, "toolDefinitions");
    skills.forEach(
        (skillKey, skill) -> {
          if (!skillKey.equals(skill.name())) {
            throw new IllegalArgumentException(
                "skills key " + skillKey + " does not match the skill's name " + skill.name());
          }
        });
    if (!(skills.get(BaseSkillSpec.NAME) instanceof BaseSkillSpec)) {
      throw new IllegalArgumentException(
          "expert " + key + " must have the base skill " + BaseSkillSpec.NAME);
    }
    for (SkillToolDefinition tool : toolDefinitions) {
      if (!skills.containsKey(tool.skillName())) {
        throw new IllegalArgumentException(
            "tool definition " + tool.name() + " names an unknown skill " + tool.skillName());
      }
    }
  }

  /** The base skill. */
  public BaseSkillSpec baseSkill() {
    return (BaseSkillSpec) skills.get(BaseSkillSpec.NAME);
  }
}

package dev.perstack.lockfile.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code [experts."<key>"]} table, resolved: delegates name defined experts and the base skill
 * is always among the skills.
 *
 * @param delegates keys of defined experts, in the order written
 * @param skills by name, in the order written, the base skill first when it was added
 */
public record ExpertDefinition(
    ExpertKey key,
    String version,
    Optional<String> description,
    String instruction,
    Map<String, SkillDefinition> skills,
    List<String> delegates,
    List<String> tags,
    Optional<String> minRuntimeVersion,
    List<String> providerTools,
    List<ProviderSkill> providerSkills,
    ProviderToolOptions providerToolOptions) {

  /** The version an expert has when neither its key nor {@code version} gives one. */
  public static final String DEFAULT_VERSION = "1.0.0";

  public ExpertDefinition {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(instruction, "instruction");
    Objects.requireNonNull(minRuntimeVersion, "minRuntimeVersion");
    Objects.requireNonNull(providerToolOptions, "providerToolOptions");
    skills = Collections.unmodifiableMap(new LinkedHashMap<>(skills));
    if (!(skills.get(BaseSkill.NAME) instanceof BaseSkill)) {
      throw new IllegalArgumentException("expert " + key + " must have the base skill");
    }
    delegates = List.copyOf(delegates);
    tags = List.copyOf(tags);
    providerTools = List.copyOf(providerTools);
    providerSkills = List.copyOf(providerSkills);
  }

  /** The base skill, listed or implied. */
  public BaseSkill baseSkill() {
    return (BaseSkill) skills.get(BaseSkill.NAME);
  }
}

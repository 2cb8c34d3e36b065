package dev.perstack.lockfile.config;

import java.util.Objects;

/** An Anthropic agent skill an expert asks the provider for ({@code providerSkills}). */
public sealed interface ProviderSkill {

  /**
   * One of the provider's built-in skills: {@code pdf}, {@code docx}, {@code pptx}, {@code xlsx}.
   */
  record Builtin(String skillId) implements ProviderSkill {
    public Builtin {
      Objects.requireNonNull(skillId, "skillId");
    }
  }

  /** A custom skill given by name and definition. */
  record Custom(String name, String definition) implements ProviderSkill {
    public Custom {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(definition, "definition");
    }
  }
}

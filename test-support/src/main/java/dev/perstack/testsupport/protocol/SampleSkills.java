package dev.perstack.testsupport.protocol;

import dev.perstack.protocol.job.BaseSkillSpec;
import java.util.List;
import java.util.Optional;

/** Skill specs for tests that need one but not its every field. */
public final class SampleSkills {
  private SampleSkills() {}

  /** The base skill with every tool: no description, rule, pick, omit or required environment. */
  public static BaseSkillSpec baseSkill() {
    return new BaseSkillSpec(
        BaseSkillSpec.NAME, Optional.empty(), Optional.empty(), List.of(), List.of(), List.of());
  }
}

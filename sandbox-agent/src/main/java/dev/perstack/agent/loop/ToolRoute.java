package dev.perstack.agent.loop;

import dev.perstack.agent.skill.Skill;
import dev.perstack.protocol.job.ExpertSpec;
import java.util.Optional;

/**
 * Where a tool call goes: a skill that runs it now, a delegate expert, or a person.
 *
 * @param skillName the skill name recorded on the tool call
 * @param skill the skill that runs it, for {@link Kind#SKILL}
 * @param delegate the expert it starts, for {@link Kind#DELEGATE}
 */
record ToolRoute(
    Kind kind, String skillName, Optional<Skill> skill, Optional<ExpertSpec> delegate) {

  /** In the order the loop handles them within one step. */
  enum Kind {
    SKILL,
    DELEGATE,
    INTERACTIVE
  }

  static ToolRoute skill(String skillName, Skill skill) {
    return new ToolRoute(Kind.SKILL, skillName, Optional.of(skill), Optional.empty());
  }

  static ToolRoute delegate(ExpertSpec expert) {
    return new ToolRoute(Kind.DELEGATE, expert.key(), Optional.empty(), Optional.of(expert));
  }

  static ToolRoute interactive(String skillName) {
    return new ToolRoute(Kind.INTERACTIVE, skillName, Optional.empty(), Optional.empty());
  }
}

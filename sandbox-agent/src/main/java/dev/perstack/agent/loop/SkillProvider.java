package dev.perstack.agent.loop;

import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.protocol.job.SkillSpec;

/**
 * Gives the loop a ready skill for an expert's base or MCP skill spec; one instance per job, so
 * that runs of the same expert (after a delegation, say) reuse the same processes.
 */
public interface SkillProvider extends AutoCloseable {

  /** The skill for {@code spec} of expert {@code expertKey}, created on first request. */
  Skill skill(String expertKey, SkillSpec spec) throws SkillException;

  /** Closes every skill created. */
  @Override
  void close();
}

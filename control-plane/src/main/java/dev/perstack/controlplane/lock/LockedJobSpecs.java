package dev.perstack.controlplane.lock;

import dev.perstack.image.NpmPackage;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedPackage;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job spec with its lock applied: every locked expert carries its captured tool definitions (so
 * no MCP server starts before its first call), and, in the locked image, every pinned npm skill
 * starts the installed package with {@code node} instead of asking npx to download it.
 */
public final class LockedJobSpecs {
  private LockedJobSpecs() {}

  /**
   * @param inLockedImage whether the job runs in the lock's image, where the pinned packages are
   *     installed under {@code /opt/perstack/skills}
   */
  public static JobSpec apply(JobSpec spec, PerstackLock lock, boolean inLockedImage) {
    Map<String, ExpertSpec> experts = new LinkedHashMap<>();
    spec.experts()
        .forEach(
            (key, expert) ->
                experts.put(
                    key,
                    lock.expert(key)
                        .map(locked -> locked(expert, locked, lock, inLockedImage))
                        .orElse(expert)));
    return new JobSpec(
        spec.jobId(),
        spec.runId(),
        spec.expertKey(),
        experts,
        spec.model(),
        spec.reasoningBudget(),
        spec.query(),
        spec.checkpoint(),
        spec.interactiveToolAnswer(),
        spec.limits(),
        spec.env());
  }

  private static ExpertSpec locked(
      ExpertSpec expert, LockedExpert locked, PerstackLock lock, boolean inLockedImage) {
    Map<String, SkillSpec> skills = new LinkedHashMap<>();
    expert
        .skills()
        .forEach(
            (name, skill) ->
                skills.put(
                    name,
                    inLockedImage && skill instanceof McpStdioSkillSpec stdio
                        ? pinned(stdio, locked, lock)
                        : skill));
    List<SkillToolDefinition> tools = new ArrayList<>();
    for (LockedToolDefinition tool : locked.toolDefinitions()) {
      if (expert.skills().containsKey(tool.skillName())) {
        tools.add(
            new SkillToolDefinition(
                tool.skillName(), tool.name(), tool.description(), tool.inputSchema()));
      }
    }
    return new ExpertSpec(
        expert.key(),
        expert.name(),
        expert.version(),
        expert.description(),
        expert.instruction(),
        skills,
        expert.delegates(),
        expert.tags(),
        tools);
  }

  private static SkillSpec pinned(McpStdioSkillSpec skill, LockedExpert expert, PerstackLock lock) {
    Optional<LockedPackage> locked =
        Optional.ofNullable(expert.skillPackages().get(skill.name())).flatMap(lock::lockedPackage);
    if (locked.isEmpty() || NpmSkillPackage.of(skill).isEmpty()) {
      return skill;
    }
    return PinnedSkills.inImage(skill, asNpmPackage(locked.get()));
  }

  static NpmPackage asNpmPackage(LockedPackage p) {
    return new NpmPackage(p.name(), p.version(), p.integrity(), p.bin(), p.filesDigest());
  }
}

package dev.perstack.controlplane.spec;

import dev.perstack.lockfile.config.BaseSkill;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.InteractiveSkill;
import dev.perstack.lockfile.config.InteractiveTool;
import dev.perstack.lockfile.config.McpSseSkill;
import dev.perstack.lockfile.config.McpStdioSkill;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.SkillDefinition;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.InteractiveSkillSpec;
import dev.perstack.protocol.job.InteractiveToolAnswer;
import dev.perstack.protocol.job.InteractiveToolSpec;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.job.McpSseSkillSpec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link JobSpec} a sandbox agent receives from a loaded {@code perstack.toml}: the
 * experts the job can reach, their skills, the limits, and the values of exactly the variables the
 * skills' {@code requiredEnv} grant (nothing else from the control plane's environment).
 */
public final class JobSpecFactory {
  private JobSpecFactory() {}

  /** What one job asks for. */
  public record Request(
      String jobId,
      String expertKey,
      Optional<String> query,
      Optional<Checkpoint> checkpoint,
      Optional<InteractiveToolAnswer> answer,
      Optional<String> modelOverride,
      Optional<Integer> maxStepsOverride) {}

  /**
   * @param environment where {@code requiredEnv} values come from (process env merged with the
   *     dotenv files of {@code envPath})
   * @throws MissingEnvironmentException when a skill needs a variable that has no value
   */
  public static JobSpec create(
      PerstackConfig config, Request request, Map<String, String> environment)
      throws MissingEnvironmentException {
    Map<String, ExpertSpec> experts = new LinkedHashMap<>();
    Map<String, String> env = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (ExpertDefinition expert : config.experts().values()) {
      experts.put(expert.key().value(), expert(expert));
      for (SkillDefinition skill : expert.skills().values()) {
        for (String name : requiredEnv(skill)) {
          String value = environment.get(name);
          if (value == null || value.isEmpty()) {
            missing.add(
                "skill `"
                    + skill.name()
                    + "` of expert `"
                    + expert.key().value()
                    + "` needs "
                    + name
                    + ", which is not set: export it or add it to a file of envPath ("
                    + String.join(", ", config.envPath())
                    + ")");
          } else {
            env.put(name, value);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingEnvironmentException(missing);
    }
    JobLimits limits =
        new JobLimits(
            request.maxStepsOverride().orElse(config.maxSteps()),
            config.maxRetries(),
            config.timeoutMillis());
    return new JobSpec(
        request.jobId(),
        Optional.empty(),
        request.expertKey(),
        experts,
        request.modelOverride().orElse(config.model()),
        reasoningBudget(config.reasoningBudget()),
        request.query(),
        request.checkpoint(),
        request.answer(),
        limits,
        env);
  }

  static ExpertSpec expert(ExpertDefinition expert) {
    Map<String, SkillSpec> skills = new LinkedHashMap<>();
    for (SkillDefinition skill : expert.skills().values()) {
      skills.put(skill.name(), skill(skill));
    }
    return new ExpertSpec(
        expert.key().value(),
        expert.key().unversioned(),
        expert.version(),
        expert.description(),
        expert.instruction(),
        skills,
        expert.delegates(),
        expert.tags(),
        List.of());
  }

  /** A skill as the agent receives it. */
  public static SkillSpec skill(SkillDefinition skill) {
    if (skill instanceof BaseSkill base) {
      return new BaseSkillSpec(
          BaseSkillSpec.NAME,
          base.description(),
          base.rule(),
          base.pick(),
          base.omit(),
          base.requiredEnv());
    }
    if (skill instanceof McpStdioSkill stdio) {
      return new McpStdioSkillSpec(
          stdio.name(),
          stdio.description(),
          stdio.rule(),
          stdio.pick(),
          stdio.omit(),
          stdio.command(),
          stdio.packageName(),
          stdio.args(),
          stdio.requiredEnv(),
          stdio.allowedDomains(),
          stdio.lazyInit());
    }
    if (skill instanceof McpSseSkill sse) {
      return new McpSseSkillSpec(
          sse.name(),
          sse.description(),
          sse.rule(),
          sse.pick(),
          sse.omit(),
          sse.endpoint().toString(),
          sse.allowedDomains());
    }
    InteractiveSkill interactive = (InteractiveSkill) skill;
    Map<String, InteractiveToolSpec> tools = new LinkedHashMap<>();
    for (InteractiveTool tool : interactive.tools().values()) {
      tools.put(
          tool.name(),
          new InteractiveToolSpec(tool.name(), tool.description(), tool.inputJsonSchema()));
    }
    return new InteractiveSkillSpec(
        interactive.name(), interactive.description(), interactive.rule(), tools);
  }

  private static List<String> requiredEnv(SkillDefinition skill) {
    if (skill instanceof BaseSkill base) {
      return base.requiredEnv();
    }
    if (skill instanceof McpStdioSkill stdio) {
      return stdio.requiredEnv();
    }
    return List.of();
  }

  static ReasoningBudget reasoningBudget(dev.perstack.lockfile.config.ReasoningBudget budget) {
    if (budget instanceof dev.perstack.lockfile.config.ReasoningBudget.Tokens tokens) {
      return new ReasoningBudget.Tokens(tokens.count());
    }
    var level = ((dev.perstack.lockfile.config.ReasoningBudget.Level) budget).name();
    return new ReasoningBudget.Level(ReasoningBudget.LevelName.valueOf(level.name()));
  }
}

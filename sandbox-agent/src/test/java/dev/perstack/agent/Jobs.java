package dev.perstack.agent;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.job.BaseSkillSpec;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.InteractiveSkillSpec;
import dev.perstack.protocol.job.InteractiveToolAnswer;
import dev.perstack.protocol.job.InteractiveToolSpec;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.testsupport.protocol.SampleSkills;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds job specs for agent tests. */
final class Jobs {
  static final JobLimits LIMITS = new JobLimits(20, 2, 10_000);

  private Jobs() {}

  static ExpertSpec expert(String key, List<String> delegates, SkillSpec... extra) {
    Map<String, SkillSpec> skills = new LinkedHashMap<>();
    skills.put(BaseSkillSpec.NAME, SampleSkills.baseSkill());
    for (SkillSpec skill : extra) {
      skills.put(skill.name(), skill);
    }
    String name = key.replaceAll("@[^/]*$", "");
    return new ExpertSpec(
        key,
        name.isEmpty() ? key : name,
        "1.0.0",
        Optional.of("The " + key + " expert."),
        "You are " + key + ".",
        skills,
        delegates,
        List.of(),
        List.of());
  }

  static InteractiveSkillSpec human(String tool) {
    return new InteractiveSkillSpec(
        "human",
        Optional.of("Ask a person"),
        Optional.empty(),
        Map.of(
            tool,
            new InteractiveToolSpec(
                tool,
                Optional.of("Ask a person"),
                "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}}}")));
  }

  static JobSpec job(String expertKey, String query, JobLimits limits, ExpertSpec... experts) {
    Map<String, ExpertSpec> all = new LinkedHashMap<>();
    for (ExpertSpec e : experts) {
      all.put(e.key(), e);
    }
    return new JobSpec(
        "job-1",
        Optional.empty(),
        expertKey,
        all,
        "test-model",
        new ReasoningBudget.Level(ReasoningBudget.LevelName.LOW),
        Optional.of(query),
        Optional.empty(),
        Optional.empty(),
        limits,
        Map.of());
  }

  static JobSpec answer(JobSpec first, Checkpoint stopped, InteractiveToolAnswer answer) {
    return new JobSpec(
        first.jobId(),
        Optional.empty(),
        first.expertKey(),
        first.experts(),
        first.model(),
        first.reasoningBudget(),
        Optional.empty(),
        Optional.of(stopped),
        Optional.of(answer),
        first.limits(),
        first.env());
  }
}

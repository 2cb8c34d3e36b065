package dev.perstack.protocol.job;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.internal.Require;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the agent needs to run one job, sent by the control plane in {@code welcome}.
 *
 * @param runId the run to start; absent lets the agent pick a fresh id
 * @param expertKey the expert the job runs; a key of {@code experts}
 * @param experts every expert the job may reach through delegation, by key
 * @param model the model name, for {@code initializeRuntime}; the gateway decides the real call
 * @param query the user's query; absent only when the job resumes with an interactive answer
 * @param checkpoint the checkpoint to resume from
 * @param interactiveToolAnswer the answer to the interactive tool call {@code checkpoint} stopped
 *     at
 * @param env values of the variables the skills' {@code requiredEnv} name; never printed
 */
public record JobSpec(
    String jobId,
    Optional<String> runId,
    String expertKey,
    Map<String, ExpertSpec> experts,
    String model,
    ReasoningBudget reasoningBudget,
    Optional<String> query,
    Optional<Checkpoint> checkpoint,
    Optional<InteractiveToolAnswer> interactiveToolAnswer,
    JobLimits limits,
    Map<String, String> env) {

  public JobSpec {
    Require.id(jobId, "jobId");
    Require.present(runId, "runId").ifPresent(id -> Require.id(id, "runId"));
    Require.name(expertKey, "expertKey", 511);
    experts = Require.map(experts, "experts");
    Require.name(model, "model", 255);
    Require.present(reasoningBudget, "reasoningBudget");
    Require.present(query, "query");
    Require.present(checkpoint, "checkpoint");
    Require.present(interactiveToolAnswer, "interactiveToolAnswer");
    Require.present(limits, "limits");
    env = Require.map(env, "env");
    checkExperts(expertKey, experts);
    if (query.isEmpty() && interactiveToolAnswer.isEmpty()) {
      throw new IllegalArgumentException("a job needs a query or an interactive tool answer");
    }
    if (interactiveToolAnswer.isPresent() && checkpoint.isEmpty()) {
      throw new IllegalArgumentException(
          "an interactive tool answer needs the checkpoint whose tool call it answers");
    }
    checkpoint.ifPresent(
        c -> {
          if (!c.jobId().equals(jobId)) {
            throw new IllegalArgumentException(
                "checkpoint " + c.id() + " belongs to job " + c.jobId() + ", not " + jobId);
          }
        });
  }

  /** The expert the job runs. */
  public ExpertSpec expert() {
    return experts.get(expertKey);
  }

  /** Shows everything but the values of {@code env}, which may be secrets. */
  @Override
  public String toString() {
    return "JobSpec[jobId="
        + jobId
        + ", runId="
        + runId
        + ", expertKey="
        + expertKey
        + ", experts="
        + experts.keySet()
        + ", model="
        + model
        + ", reasoningBudget="
        + reasoningBudget
        + ", query="
        + query
        + ", checkpoint="
        + checkpoint.map(Checkpoint::id)
        + ", interactiveToolAnswer="
        + interactiveToolAnswer
        + ", limits="
        + limits
        + ", env="
        + env.keySet()
        + "]";
  }

  private static void checkExperts(String expertKey, Map<String, ExpertSpec> experts) {
    if (!experts.containsKey(expertKey)) {
      throw new IllegalArgumentException(
          "expertKey " + expertKey + " is not among the experts " + experts.keySet());
    }
    experts.forEach(
        (key, expert) -> {
          if (!key.equals(expert.key())) {
            throw new IllegalArgumentException(
                "experts key " + key + " does not match the expert's key " + expert.key());
          }
          for (String delegate : expert.delegates()) {
            if (!experts.containsKey(delegate)) {
              throw new IllegalArgumentException(
                  "expert " + key + " delegates to " + delegate + ", which the job spec lacks");
            }
          }
        });
  }
}

package dev.perstack.controlplane.orchestration;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client asks for: run an expert on a query, or continue a stored job.
 *
 * @param config the perstack.toml to load
 * @param workspace the directory the job may read and write
 * @param runtime {@code docker} or {@code local}; empty uses the file's {@code runtime}
 * @param continueJob a stored job to continue instead of starting a new one
 * @param resumeFrom with {@code continueJob}: the checkpoint to resume from (default: its latest)
 * @param interactiveAnswer whether {@code query} answers the pending interactive tool call
 * @param submittedBy {@code cli}, or the API token's name, for the audit trail
 * @param locked whether the job must run under a current {@code perstack.lock} ({@code --locked})
 */
public record JobRequest(
    Path config,
    String expertKey,
    Optional<String> query,
    Path workspace,
    Optional<String> runtime,
    Optional<String> model,
    Optional<Integer> maxSteps,
    Optional<String> continueJob,
    Optional<String> resumeFrom,
    boolean interactiveAnswer,
    String submittedBy,
    boolean locked) {

  public JobRequest {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(expertKey, "expertKey");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(maxSteps, "maxSteps");
    Objects.requireNonNull(continueJob, "continueJob");
    Objects.requireNonNull(resumeFrom, "resumeFrom");
    Objects.requireNonNull(submittedBy, "submittedBy");
    if (resumeFrom.isPresent() && continueJob.isEmpty()) {
      throw new IllegalArgumentException(
          "resumeFrom needs continueJob: a checkpoint belongs to a job");
    }
    if (interactiveAnswer && continueJob.isEmpty()) {
      throw new IllegalArgumentException("an interactive answer continues a job: give continueJob");
    }
    if (query.isEmpty()) {
      throw new IllegalArgumentException("a job needs a query (or, with -i, the answer)");
    }
  }

  /** A request that runs with a lock when there is one, and without otherwise. */
  public JobRequest(
      Path config,
      String expertKey,
      Optional<String> query,
      Path workspace,
      Optional<String> runtime,
      Optional<String> model,
      Optional<Integer> maxSteps,
      Optional<String> continueJob,
      Optional<String> resumeFrom,
      boolean interactiveAnswer,
      String submittedBy) {
    this(
        config,
        expertKey,
        query,
        workspace,
        runtime,
        model,
        maxSteps,
        continueJob,
        resumeFrom,
        interactiveAnswer,
        submittedBy,
        false);
  }

  /** This request, required to run locked or not. */
  public JobRequest withLocked(boolean required) {
    return new JobRequest(
        config,
        expertKey,
        query,
        workspace,
        runtime,
        model,
        maxSteps,
        continueJob,
        resumeFrom,
        interactiveAnswer,
        submittedBy,
        required);
  }

  /** A new job of {@code expertKey} on {@code query}. */
  public static JobRequest run(
      Path config, String expertKey, String query, Path workspace, String submittedBy) {
    return new JobRequest(
        config,
        expertKey,
        Optional.of(query),
        workspace,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        submittedBy);
  }
}

package dev.perstack.controlplane.jobs;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One job as stored: what ran, where, for whom, and how it ended.
 *
 * @param configDigest the sha256 of the perstack.toml (or lock) the job ran, for the audit trail
 * @param lockDigest the digest of perstack.lock when the job ran with one
 * @param image the sandbox image the job ran in, when its runtime uses images
 * @param submittedBy who asked for it: {@code cli} or the API token's name
 * @param error what went wrong, when the job stopped by error
 * @param owner the control plane that runs or last ran the job (its {@code OwnerLease} name); empty
 *     for jobs stored before control planes recorded one
 */
public record JobRecord(
    String id,
    String expertKey,
    Optional<String> query,
    JobState state,
    String runtime,
    String configPath,
    String configDigest,
    Optional<String> lockDigest,
    Optional<String> image,
    String submittedBy,
    Instant createdAt,
    Optional<Instant> finishedAt,
    Optional<String> error,
    Optional<String> continuedFrom,
    Optional<String> owner) {

  public JobRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expertKey, "expertKey");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(configPath, "configPath");
    Objects.requireNonNull(configDigest, "configDigest");
    Objects.requireNonNull(lockDigest, "lockDigest");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(submittedBy, "submittedBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(continuedFrom, "continuedFrom");
    Objects.requireNonNull(owner, "owner");
    if (state.finished() != finishedAt.isPresent()) {
      throw new IllegalArgumentException(
          "job " + id + " is " + state.wireName() + " but finishedAt is " + finishedAt);
    }
  }

  /** This job, ended with {@code state} at {@code when}. */
  public JobRecord finish(JobState state, Instant when, Optional<String> error) {
    return new JobRecord(
        id,
        expertKey,
        query,
        state,
        runtime,
        configPath,
        configDigest,
        lockDigest,
        image,
        submittedBy,
        createdAt,
        Optional.of(when),
        error,
        continuedFrom,
        owner);
  }

  /** This job with the image it runs in. */
  public JobRecord withImage(String imageReference) {
    return new JobRecord(
        id,
        expertKey,
        query,
        state,
        runtime,
        configPath,
        configDigest,
        lockDigest,
        Optional.of(imageReference),
        submittedBy,
        createdAt,
        finishedAt,
        error,
        continuedFrom,
        owner);
  }
}

package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobRecord;
import java.time.Instant;

/**
 * One job's audit record: what ran (definitions, lock, image), when, and for whom.
 *
 * @param configDigest sha256 of the perstack.toml the job loaded
 * @param lockDigest sha256 of the perstack.lock it ran under, or null when it ran unlocked
 * @param image the image id its sandbox ran, or null for runtimes without images
 * @param submittedBy {@code cli}, or {@code api:<token fingerprint>}
 */
public record AuditEntry(
    String jobId,
    String expertKey,
    String state,
    String submittedBy,
    Instant createdAt,
    Instant finishedAt,
    String runtime,
    String configPath,
    String configDigest,
    String lockDigest,
    String image,
    String continuedFrom) {

  /** The audit view of a stored job. */
  public static AuditEntry of(JobRecord job) {
    return new AuditEntry(
        job.id(),
        job.expertKey(),
        job.state().wireName(),
        job.submittedBy(),
        job.createdAt(),
        job.finishedAt().orElse(null),
        job.runtime(),
        job.configPath(),
        job.configDigest(),
        job.lockDigest().orElse(null),
        job.image().orElse(null),
        job.continuedFrom().orElse(null));
  }
}

package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobRecord;

/** A job as the API shows it. */
public record JobView(
    String id,
    String expert,
    String query,
    String state,
    String runtime,
    String config,
    String configDigest,
    String lockDigest,
    String image,
    String submittedBy,
    String createdAt,
    String finishedAt,
    String error,
    String continuedFrom) {

  static JobView of(JobRecord job) {
    return new JobView(
        job.id(),
        job.expertKey(),
        job.query().orElse(null),
        job.state().wireName(),
        job.runtime(),
        job.configPath(),
        job.configDigest(),
        job.lockDigest().orElse(null),
        job.image().orElse(null),
        job.submittedBy(),
        job.createdAt().toString(),
        job.finishedAt().map(Object::toString).orElse(null),
        job.error().orElse(null),
        job.continuedFrom().orElse(null));
  }
}

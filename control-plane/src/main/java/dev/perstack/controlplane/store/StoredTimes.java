package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Job times as every store keeps them: to the microsecond, as PostgreSQL does. */
final class StoredTimes {
  private StoredTimes() {}

  static JobRecord normalise(JobRecord job) {
    Instant created = micros(job.createdAt());
    Optional<Instant> finished = job.finishedAt().map(StoredTimes::micros);
    if (created.equals(job.createdAt()) && finished.equals(job.finishedAt())) {
      return job;
    }
    return new JobRecord(
        job.id(),
        job.expertKey(),
        job.query(),
        job.state(),
        job.runtime(),
        job.configPath(),
        job.configDigest(),
        job.lockDigest(),
        job.image(),
        job.submittedBy(),
        created,
        finished,
        job.error(),
        job.continuedFrom(),
        job.owner());
  }

  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}

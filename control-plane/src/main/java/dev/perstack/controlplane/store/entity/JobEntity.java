package dev.perstack.controlplane.store.entity;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A row of {@code perstack_jobs}: one job's record. */
@Entity
@Table(name = "perstack_jobs")
public class JobEntity {
  @Id public String id;

  @Column(name = "expert_key")
  public String expertKey;

  @Column(name = "query_text")
  public String query;

  public String state;
  public String runtime;

  @Column(name = "config_path")
  public String configPath;

  @Column(name = "config_digest")
  public String configDigest;

  @Column(name = "lock_digest")
  public String lockDigest;

  public String image;

  @Column(name = "submitted_by")
  public String submittedBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "finished_at")
  public Instant finishedAt;

  public String error;

  @Column(name = "continued_from")
  public String continuedFrom;

  public String owner;

  /** A new row for {@code job}. */
  public static JobEntity of(JobRecord job) {
    JobEntity row = new JobEntity();
    row.id = job.id();
    row.update(job);
    return row;
  }

  /** Copies every field but the id from {@code job}. */
  public void update(JobRecord job) {
    expertKey = job.expertKey();
    query = job.query().orElse(null);
    state = job.state().wireName();
    runtime = job.runtime();
    configPath = job.configPath();
    configDigest = job.configDigest();
    lockDigest = job.lockDigest().orElse(null);
    image = job.image().orElse(null);
    submittedBy = job.submittedBy();
    createdAt = job.createdAt();
    finishedAt = job.finishedAt().orElse(null);
    error = job.error().orElse(null);
    continuedFrom = job.continuedFrom().orElse(null);
    owner = job.owner().orElse(null);
  }

  /** The record this row stores. */
  public JobRecord toRecord() {
    return new JobRecord(
        id,
        expertKey,
        Optional.ofNullable(query),
        JobState.fromWireName(state)
            .orElseThrow(
                () -> new IllegalStateException("job " + id + " has unknown state " + state)),
        runtime,
        configPath,
        configDigest,
        Optional.ofNullable(lockDigest),
        Optional.ofNullable(image),
        submittedBy,
        createdAt,
        Optional.ofNullable(finishedAt),
        Optional.ofNullable(error),
        Optional.ofNullable(continuedFrom),
        Optional.ofNullable(owner));
  }
}

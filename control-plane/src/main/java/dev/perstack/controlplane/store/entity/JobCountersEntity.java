package dev.perstack.controlplane.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A row of {@code perstack_job_counters}: the last numbers a job's events, messages and checkpoints
 * have used. Locking it is what serialises a job's writers.
 */
@Entity
@Table(name = "perstack_job_counters")
public class JobCountersEntity {
  @Id
  @Column(name = "job_id")
  public String jobId;

  @Column(name = "last_event")
  public long lastEvent;

  @Column(name = "last_message")
  public long lastMessage;

  @Column(name = "last_checkpoint")
  public long lastCheckpoint;

  /** The counters of a new job: nothing used yet. */
  public static JobCountersEntity start(String jobId) {
    JobCountersEntity row = new JobCountersEntity();
    row.jobId = jobId;
    return row;
  }
}

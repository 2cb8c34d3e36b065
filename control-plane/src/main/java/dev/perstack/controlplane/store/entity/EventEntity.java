package dev.perstack.controlplane.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row of {@code perstack_events}: one event of a job's log, its message lists cut out. */
@Entity
@Table(name = "perstack_events")
@IdClass(EventEntity.Key.class)
public class EventEntity {
  @Id
  @Column(name = "job_id")
  public String jobId;

  @Id public long seq;

  @Column(name = "event_id")
  public String eventId;

  public String type;

  @Column(name = "run_id")
  public String runId;

  @Column(name = "occurred_at")
  public long occurredAt;

  public String body;

  @Column(name = "message_refs")
  public String messageRefs;

  /** The primary key: job and sequence number. */
  public record Key(String jobId, long seq) implements Serializable {}
}

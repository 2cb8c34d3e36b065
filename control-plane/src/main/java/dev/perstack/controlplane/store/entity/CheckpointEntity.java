package dev.perstack.controlplane.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row of {@code perstack_checkpoints}: a checkpoint without its messages. */
@Entity
@Table(name = "perstack_checkpoints")
@IdClass(CheckpointEntity.Key.class)
public class CheckpointEntity {
  @Id
  @Column(name = "job_id")
  public String jobId;

  @Id public String id;

  public long ordinal;

  @Column(name = "run_id")
  public String runId;

  @Column(name = "expert_key")
  public String expertKey;

  @Column(name = "step_number")
  public int stepNumber;

  public String status;

  @Column(name = "message_count")
  public int messageCount;

  /** The last message of the checkpoint's conversation; 0 when it has none. */
  @Column(name = "last_message_seq")
  public long lastMessageSeq;

  @Column(name = "stored_at")
  public long storedAt;

  /** The checkpoint's JSON without {@code messages}. */
  public String header;

  /** The primary key: job and checkpoint id. */
  public record Key(String jobId, String id) implements Serializable {}
}

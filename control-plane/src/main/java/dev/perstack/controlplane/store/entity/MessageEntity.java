package dev.perstack.controlplane.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

/** A row of {@code perstack_messages}: one message, stored once, linked to the one before it. */
@Entity
@Table(name = "perstack_messages")
@IdClass(MessageEntity.Key.class)
public class MessageEntity {
  @Id
  @Column(name = "job_id")
  public String jobId;

  @Id public long seq;

  @Column(name = "message_id")
  public String messageId;

  /** The message before this one in its conversation; 0 when it opens the conversation. */
  @Column(name = "previous_seq")
  public long previousSeq;

  public int depth;
  public String type;
  public String digest;
  public String body;

  /** The primary key: job and the message's number in the job. */
  public record Key(String jobId, long seq) implements Serializable {}
}

package dev.perstack.controlplane.store.entity;

import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.protocol.generation.GenerationRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.OptionalDouble;

/** A row of {@code perstack_model_exchanges}: one generation the gateway performed. */
@Entity
@Table(name = "perstack_model_exchanges")
public class ExchangeEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "job_id")
  public String jobId;

  @Column(name = "request_id")
  public String requestId;

  @Column(name = "expert_key")
  public String expertKey;

  public String provider;
  public String model;

  @Column(name = "request_digest")
  public String requestDigest;

  /** The request's JSON, its conversation cut out when {@link #messageRefs} says where. */
  public String request;

  @Column(name = "message_refs")
  public String messageRefs;

  public String response;
  public boolean failed;

  @Column(name = "input_tokens")
  public long inputTokens;

  @Column(name = "output_tokens")
  public long outputTokens;

  @Column(name = "reasoning_tokens")
  public long reasoningTokens;

  @Column(name = "cached_input_tokens")
  public long cachedInputTokens;

  @Column(name = "cost_usd")
  public Double costUsd;

  @Column(name = "started_at")
  public long startedAt;

  @Column(name = "duration_ms")
  public long durationMs;

  /** The exchange this row stores, with its request put back together and decoded. */
  public ModelExchange toExchange(GenerationRequest wholeRequest) {
    return new ModelExchange(
        jobId,
        requestId,
        expertKey,
        provider,
        model,
        requestDigest,
        wholeRequest,
        response,
        failed,
        inputTokens,
        outputTokens,
        reasoningTokens,
        cachedInputTokens,
        costUsd == null ? OptionalDouble.empty() : OptionalDouble.of(costUsd),
        startedAt,
        durationMs);
  }
}

package dev.perstack.controlplane.jobs;

import dev.perstack.protocol.generation.GenerationRequest;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One generation as the gateway performed it: enough to replay a job without a model and to diff
 * two jobs step by step.
 *
 * @param requestDigest sha256 of the canonical request
 * @param request the request as the agent sent it
 * @param response the response JSON, or the error JSON when it failed
 * @param costUsd the cost when the model's price is known
 */
public record ModelExchange(
    String jobId,
    String requestId,
    String expertKey,
    String provider,
    String model,
    String requestDigest,
    GenerationRequest request,
    String response,
    boolean failed,
    long inputTokens,
    long outputTokens,
    long reasoningTokens,
    long cachedInputTokens,
    OptionalDouble costUsd,
    long startedAt,
    long durationMs) {
  public ModelExchange {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(requestDigest, "requestDigest");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(costUsd, "costUsd");
  }
}

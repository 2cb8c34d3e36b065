package dev.perstack.controlplane.gateway;

import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One generation as the gateway answered it: the request and its canonical digest, and either the
 * full response (with the provider's usage and its cost) or the error.
 *
 * @param requestDigest {@link RequestDigest#of} the request
 * @param attempts provider calls made, retries included
 * @param costUsd dollars, empty when the price table does not know the model or it failed
 * @param priceTable the price table version the cost comes from
 */
public record Exchange(
    String jobId,
    String provider,
    String model,
    String requestDigest,
    GenerationRequest request,
    Instant startedAt,
    long durationMillis,
    int attempts,
    Optional<GenerationResponse> response,
    Optional<RunError> error,
    Optional<BigDecimal> costUsd,
    String priceTable) {
  public Exchange {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(requestDigest, "requestDigest");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(costUsd, "costUsd");
    Objects.requireNonNull(priceTable, "priceTable");
    if (response.isPresent() == error.isPresent()) {
      throw new IllegalArgumentException("an exchange has either a response or an error");
    }
  }
}

package dev.perstack.controlplane.gateway;

import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.protocol.generation.GenerationRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * One call of a {@link ModelProvider}: the request and everything needed to answer it.
 *
 * @param requestDigest {@link RequestDigest#of} the request, computed once by the gateway
 * @param timeout how long this one attempt may take, streaming included
 */
public record ProviderCall(
    String jobId,
    ProviderConfig provider,
    String model,
    ProviderEnvironment environment,
    GenerationRequest request,
    String requestDigest,
    Duration timeout) {
  public ProviderCall {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(requestDigest, "requestDigest");
    Objects.requireNonNull(timeout, "timeout");
  }
}

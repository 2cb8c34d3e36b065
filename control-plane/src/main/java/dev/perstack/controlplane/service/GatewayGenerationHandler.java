package dev.perstack.controlplane.service;

import dev.perstack.controlplane.gateway.GatewayException;
import dev.perstack.controlplane.gateway.JobModel;
import dev.perstack.controlplane.gateway.ModelGateway;
import dev.perstack.controlplane.gateway.ProviderEnvironment;
import dev.perstack.controlplane.socket.GenerationHandler;
import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** Answers agents' generations through the model gateway, with the job's provider and keys. */
final class GatewayGenerationHandler implements GenerationHandler {
  private final ModelGateway gateway;

  GatewayGenerationHandler(ModelGateway gateway) {
    this.gateway = gateway;
  }

  @Override
  public void open(
      String jobId,
      ProviderConfig provider,
      String model,
      Map<String, String> environment,
      Duration timeout) {
    gateway.bind(
        jobId, new JobModel(provider, model, ProviderEnvironment.of(environment), timeout));
  }

  @Override
  public void close(String jobId) {
    gateway.release(jobId);
  }

  @Override
  public GenerationResponse generate(
      String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta) throws Failed {
    try {
      return gateway.generate(jobId, request, onDelta);
    } catch (GatewayException e) {
      throw new Failed(e.error());
    }
  }
}

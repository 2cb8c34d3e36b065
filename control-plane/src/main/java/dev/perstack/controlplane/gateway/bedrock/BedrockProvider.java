package dev.perstack.controlplane.gateway.bedrock;

import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.ProviderCall;
import dev.perstack.controlplane.gateway.ProviderException;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.function.Consumer;

/** Amazon Bedrock's ConverseStream API on the AWS SDK. */
public final class BedrockProvider implements ModelProvider, AutoCloseable {

  @Override
  public GenerationResponse generate(ProviderCall call, Consumer<GenerationDelta> onDelta)
      throws ProviderException {
    throw ProviderException.configuration(
        "amazon-bedrock is not available yet", "choose another provider");
  }

  @Override
  public void close() {}
}

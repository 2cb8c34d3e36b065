package dev.perstack.controlplane.gateway;

import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.function.Consumer;

/**
 * Answers one generation: a provider adapter, or a cassette. Implementations make exactly one
 * attempt (the gateway retries), stream text and reasoning to {@code onDelta} as it arrives,
 * enforce {@link ProviderCall#timeout()}, and report usage as the provider counted it.
 */
public interface ModelProvider {

  /**
   * Generates one response.
   *
   * @throws ProviderException with the error normalised, retryable or not
   */
  GenerationResponse generate(ProviderCall call, Consumer<GenerationDelta> onDelta)
      throws ProviderException;
}

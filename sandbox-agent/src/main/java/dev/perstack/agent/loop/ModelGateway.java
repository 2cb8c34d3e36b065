package dev.perstack.agent.loop;

import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.function.Consumer;

/** Answers generations; in the sandbox, the control plane's model gateway over the socket. */
public interface ModelGateway {

  /**
   * Generates one response, passing streamed deltas to {@code onDelta} as they arrive.
   *
   * @throws GenerationFailure when the provider failed or the generation timed out
   * @throws java.io.UncheckedIOException when the connection to the gateway is lost: the job cannot
   *     go on, and no model error is reported for it
   */
  GenerationResponse generate(GenerationRequest request, Consumer<GenerationDelta> onDelta)
      throws GenerationFailure, InterruptedException;
}

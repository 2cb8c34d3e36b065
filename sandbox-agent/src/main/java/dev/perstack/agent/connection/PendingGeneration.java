package dev.perstack.agent.connection;

import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A generation sent to the control plane and not yet answered. */
record PendingGeneration(Consumer<GenerationDelta> onDelta, CompletableFuture<Reply> reply) {

  /** A result or an error for one request. */
  record Reply(GenerationResponse response, RunError error) {}
}

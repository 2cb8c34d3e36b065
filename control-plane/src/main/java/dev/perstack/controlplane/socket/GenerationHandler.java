package dev.perstack.controlplane.socket;

import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.function.Consumer;

/** Answers an agent's generation requests: in production, the model gateway. */
public interface GenerationHandler {

  /**
   * Tells the handler which provider and model answer {@code jobId}, before its first generation.
   *
   * @param environment where provider credentials and settings come from (never the sandbox's)
   */
  default void open(
      String jobId,
      dev.perstack.lockfile.config.ProviderConfig provider,
      String model,
      java.util.Map<String, String> environment,
      java.time.Duration timeout) {}

  /** Forgets {@code jobId} once it ended. */
  default void close(String jobId) {}

  /**
   * Generates, streaming deltas as they come.
   *
   * @throws Failed with the normalised error the agent receives
   */
  GenerationResponse generate(
      String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta) throws Failed;

  /** A generation failed; the agent decides whether to retry. */
  final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient RunError error;

    public Failed(RunError error) {
      super(error.name() + ": " + error.message());
      this.error = error;
    }

    public RunError error() {
      return error;
    }
  }
}

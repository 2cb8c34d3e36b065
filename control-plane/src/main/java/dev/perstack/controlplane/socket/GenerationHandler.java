package dev.perstack.controlplane.socket;

import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.function.Consumer;

/** Answers an agent's generation requests: in production, the model gateway. */
public interface GenerationHandler {

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

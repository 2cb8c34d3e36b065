package dev.perstack.protocol.frame;

import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.internal.Require;

/**
 * The generation failed; the request is no longer outstanding.
 *
 * @param error {@code isRetryable} tells the loop whether to retry
 */
public record GenerationErrorFrame(String requestId, RunError error) implements GenerationReply {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "generationError";

  public GenerationErrorFrame {
    Require.id(requestId, "requestId");
    Require.present(error, "error");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

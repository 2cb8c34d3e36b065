package dev.perstack.protocol.frame;

import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.internal.Require;

/**
 * The agent asks the model gateway for a generation.
 *
 * @param requestId chosen by the agent; unique within the session
 */
public record GenerateFrame(String requestId, GenerationRequest request) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "generate";

  public GenerateFrame {
    Require.id(requestId, "requestId");
    Require.present(request, "request");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

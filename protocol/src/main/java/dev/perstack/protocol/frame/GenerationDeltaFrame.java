package dev.perstack.protocol.frame;

import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.internal.Require;

/** A streamed piece of an outstanding generation. */
public record GenerationDeltaFrame(String requestId, GenerationDelta delta)
    implements GenerationReply {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "generationDelta";

  public GenerationDeltaFrame {
    Require.id(requestId, "requestId");
    Require.present(delta, "delta");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

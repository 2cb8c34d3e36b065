package dev.perstack.protocol.frame;

import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.internal.Require;

/** The completed generation; the request is no longer outstanding. */
public record GenerationResultFrame(String requestId, GenerationResponse response)
    implements GenerationReply {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "generationResult";

  public GenerationResultFrame {
    Require.id(requestId, "requestId");
    Require.present(response, "response");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.Optional;

/**
 * A block of the model's native reasoning.
 *
 * @param signature the provider's signature that lets the block be sent back verbatim
 */
public record ThinkingPart(String id, String thinking, Optional<String> signature)
    implements ExpertContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "thinkingPart";

  public ThinkingPart {
    Require.id(id, "id");
    Require.present(thinking, "thinking");
    Require.present(signature, "signature");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

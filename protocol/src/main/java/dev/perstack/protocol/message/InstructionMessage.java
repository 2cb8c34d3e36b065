package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * The system prompt that opens a conversation.
 *
 * @param cache whether the provider should cache the prompt up to this message
 */
public record InstructionMessage(String id, List<TextPart> contents, Optional<Boolean> cache)
    implements InputMessage {
  /** The {@code type} of this message on the wire. */
  public static final String TYPE = "instructionMessage";

  public InstructionMessage {
    Require.id(id, "id");
    contents = Require.list(contents, "contents");
    Require.present(cache, "cache");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

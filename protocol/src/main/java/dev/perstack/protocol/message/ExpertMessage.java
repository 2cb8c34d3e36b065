package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * What the model generated: text, tool calls and reasoning.
 *
 * @param cache whether the provider should cache the prompt up to this message
 */
public record ExpertMessage(String id, List<ExpertContent> contents, Optional<Boolean> cache)
    implements Message {
  /** The {@code type} of this message on the wire. */
  public static final String TYPE = "expertMessage";

  public ExpertMessage {
    Require.id(id, "id");
    contents = Require.list(contents, "contents");
    Require.present(cache, "cache");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

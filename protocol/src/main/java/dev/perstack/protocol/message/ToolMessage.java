package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * The results of the tool calls of the previous expert message.
 *
 * @param cache whether the provider should cache the prompt up to this message
 */
public record ToolMessage(String id, List<ToolResultPart> contents, Optional<Boolean> cache)
    implements InputMessage {
  /** The {@code type} of this message on the wire. */
  public static final String TYPE = "toolMessage";

  public ToolMessage {
    Require.id(id, "id");
    contents = Require.list(contents, "contents");
    Require.present(cache, "cache");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

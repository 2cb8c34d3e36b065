package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * Input from the user: the query, or an interactive tool's answer.
 *
 * @param cache whether the provider should cache the prompt up to this message
 */
public record UserMessage(String id, List<UserContent> contents, Optional<Boolean> cache)
    implements InputMessage {
  /** The {@code type} of this message on the wire. */
  public static final String TYPE = "userMessage";

  public UserMessage {
    Require.id(id, "id");
    contents = Require.list(contents, "contents");
    Require.present(cache, "cache");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

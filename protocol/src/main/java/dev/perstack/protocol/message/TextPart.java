package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/** Plain text. */
public record TextPart(String id, String text)
    implements UserContent, ExpertContent, ToolResultContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "textPart";

  public TextPart {
    Require.id(id, "id");
    Require.present(text, "text");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/**
 * A file carried inline as base64.
 *
 * @param encodedData the file bytes, base64-encoded
 */
public record FileInlinePart(String id, String encodedData, String mimeType)
    implements UserContent, ToolResultContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "fileInlinePart";

  public FileInlinePart {
    Require.id(id, "id");
    Require.present(encodedData, "encodedData");
    Require.present(mimeType, "mimeType");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

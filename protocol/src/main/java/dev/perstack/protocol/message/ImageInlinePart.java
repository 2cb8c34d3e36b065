package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/**
 * An image carried inline as base64.
 *
 * @param encodedData the image bytes, base64-encoded
 */
public record ImageInlinePart(String id, String encodedData, String mimeType)
    implements UserContent, ToolResultContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "imageInlinePart";

  public ImageInlinePart {
    Require.id(id, "id");
    Require.present(encodedData, "encodedData");
    Require.present(mimeType, "mimeType");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

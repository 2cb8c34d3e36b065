package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/** An image carried as raw data in a string, as the original runtime keeps it internally. */
public record ImageBinaryPart(String id, String data, String mimeType) implements UserContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "imageBinaryPart";

  public ImageBinaryPart {
    Require.id(id, "id");
    Require.present(data, "data");
    Require.present(mimeType, "mimeType");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

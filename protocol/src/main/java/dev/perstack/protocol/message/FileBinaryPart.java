package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/** A file carried as raw data in a string, as the original runtime keeps it internally. */
public record FileBinaryPart(String id, String data, String mimeType) implements UserContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "fileBinaryPart";

  public FileBinaryPart {
    Require.id(id, "id");
    Require.present(data, "data");
    Require.present(mimeType, "mimeType");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/**
 * A file (such as a PDF) the model fetches from a URL.
 *
 * @param url an absolute URL
 */
public record FileUrlPart(String id, String url, String mimeType) implements UserContent {
  /** The {@code type} of this part on the wire. */
  public static final String TYPE = "fileUrlPart";

  public FileUrlPart {
    Require.id(id, "id");
    Require.absoluteUrl(url, "url");
    Require.present(mimeType, "mimeType");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

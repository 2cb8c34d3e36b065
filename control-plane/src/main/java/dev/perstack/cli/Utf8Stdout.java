package dev.perstack.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process's standard output in UTF-8 whatever the locale (NDJSON is UTF-8), as a writer for
 * text and, beneath it, the byte stream that event lines go to without a detour through characters.
 */
final class Utf8Stdout extends PrintWriter {
  private final OutputStream bytes;

  Utf8Stdout(OutputStream bytes) {
    super(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), true);
    this.bytes = bytes;
  }

  /** The bytes beneath, once the text written so far has gone to them. */
  OutputStream bytes() {
    flush();
    return bytes;
  }
}

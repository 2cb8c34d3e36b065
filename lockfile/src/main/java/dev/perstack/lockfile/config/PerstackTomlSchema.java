package dev.perstack.lockfile.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JSON Schema (draft 2020-12) of {@code perstack.toml}, for editors and {@code perstack
 * schema}.
 */
public final class PerstackTomlSchema {
  private static final String RESOURCE = "perstack-toml.schema.json";

  private PerstackTomlSchema() {}

  /** The schema document as JSON text. */
  public static String json() {
    try (InputStream in = PerstackTomlSchema.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the schema resource " + RESOURCE + " is missing from the lockfile jar; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the schema resource " + RESOURCE, e);
    }
  }
}

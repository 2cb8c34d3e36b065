package dev.perstack.controlplane.api;

import dev.perstack.controlplane.service.PerstackSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The API's bearer token: generated on first start into {@code <home>/api-token} (mode 0600) and
 * read from there afterwards, or given as {@code PERSTACK_API_TOKEN}.
 */
@Singleton
public class ApiToken {
  private static final Logger LOG = Logger.getLogger(ApiToken.class.getName());

  private final byte[] token;
  private final Path file;

  ApiToken(PerstackSettings settings) {
    this.file = Path.of(settings.home()).toAbsolutePath().resolve("api-token");
    String configured = System.getenv("PERSTACK_API_TOKEN");
    this.token =
        (configured != null && !configured.isBlank() ? configured : loadOrCreate())
            .getBytes(StandardCharsets.UTF_8);
  }

  /** Where the token is stored, to tell the operator. */
  public Path file() {
    return file;
  }

  /**
   * Names this token in audit records without revealing it: {@code api:} and the first 12 hex
   * digits of its SHA-256, so jobs submitted before and after a token change can be told apart.
   */
  public String fingerprint() {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(token);
      return "api:" + java.util.HexFormat.of().formatHex(hash).substring(0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Compares in constant time, so the check leaks nothing about the token. */
  boolean matches(String presented) {
    return presented != null
        && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
  }

  private String loadOrCreate() {
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file).strip();
      }
      Files.createDirectories(file.getParent());
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.writeString(file, value + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      LOG.info(
          "generated the API token in " + file + " (send it as `Authorization: Bearer <token>`)");
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the API token file " + file, e);
    }
  }
}

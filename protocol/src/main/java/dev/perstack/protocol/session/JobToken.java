package dev.perstack.protocol.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/** The secret a sandbox proves in {@code hello}: 256 random bits, never printed. */
public final class JobToken {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int BYTES = 32;

  private final String value;

  private JobToken(String value) {
    this.value = value;
  }

  /** A fresh random token. */
  public static JobToken generate() {
    byte[] bytes = new byte[BYTES];
    RANDOM.nextBytes(bytes);
    return new JobToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /** A token the control plane stored earlier, such as after a restart. */
  public static JobToken of(String value) {
    Objects.requireNonNull(value, "value");
    if (value.length() < 32) {
      throw new IllegalArgumentException("a job token needs at least 32 characters");
    }
    return new JobToken(value);
  }

  /** The secret itself, to hand to the sandbox; do not log it. */
  public String reveal() {
    return value;
  }

  /** Whether {@code presented} is this token, compared in constant time. */
  public boolean matches(String presented) {
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "JobToken[<redacted>]";
  }
}

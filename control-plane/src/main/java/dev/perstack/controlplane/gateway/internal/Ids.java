package dev.perstack.controlplane.gateway.internal;

import java.security.SecureRandom;

/** Random ids for the parts the gateway creates, such as {@code text_k3f9…}. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

  private Ids() {}

  /** {@code prefix}, an underscore and 20 random characters. */
  public static String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix).append('_');
    for (int i = 0; i < 20; i++) {
      id.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
    }
    return id.toString();
  }
}

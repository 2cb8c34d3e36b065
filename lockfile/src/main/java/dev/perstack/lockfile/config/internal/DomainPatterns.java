package dev.perstack.lockfile.config.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises {@code allowedDomains} entries: {@code example.com} or {@code
 * *.example.com}.
 */
public final class DomainPatterns {
  private DomainPatterns() {}

  private static final Pattern GRAMMAR =
      Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
  private static final Pattern PUNYCODE = Pattern.compile("(^|\\.)xn--");
  private static final int MAX_LENGTH = 253;

  /** The outcome of checking one pattern: the normalised form, or why it is refused. */
  public record Checked(String normalized, String refusal) {
    public boolean ok() {
      return refusal == null;
    }
  }

  /** Lower-cases, drops one trailing dot, then refuses punycode and anything off the grammar. */
  public static Checked check(String pattern) {
    String normalized = pattern.trim().toLowerCase(Locale.ROOT);
    if (normalized.endsWith(".")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    if (PUNYCODE.matcher(normalized).find()) {
      return new Checked(
          normalized,
          "punycode domains (`xn--`) are refused because they can imitate other domains");
    }
    if (normalized.length() > MAX_LENGTH || !GRAMMAR.matcher(normalized).matches()) {
      return new Checked(
          normalized, "it is not a domain (`example.com`) or a wildcard (`*.example.com`)");
    }
    return new Checked(normalized, null);
  }
}

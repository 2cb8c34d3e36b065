package dev.perstack.lockfile.lock.internal;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format rules of values in {@code perstack.lock}, shared by the records (which throw) and the
 * reader (which reports), so that both refuse exactly the same values.
 */
public final class LockFormats {
  private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern INTEGRITY =
      Pattern.compile("(?<algorithm>sha1|sha256|sha384|sha512)-(?<hash>[A-Za-z0-9+/]+={0,2})");
  private static final Map<String, Integer> HASH_BYTES =
      Map.of("sha1", 20, "sha256", 32, "sha384", 48, "sha512", 64);
  private static final Pattern EXACT_VERSION =
      Pattern.compile(
          "(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)"
              + "(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?");
  // npm's rules; upper case is allowed because old packages (JSONStream) still use it.
  private static final Pattern PACKAGE_NAME =
      Pattern.compile("(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*");
  private static final int MAX_PACKAGE_NAME = 214;
  private static final int MAX_BIN = 1024;

  private LockFormats() {}

  /** Why {@code value} is not {@code sha256:} and 64 lower-case hex digits, or empty when it is. */
  public static Optional<String> whyNotSha256(String value) {
    if (SHA256.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "is \"" + abbreviate(value) + "\", not \"sha256:\" followed by 64 lower-case hex digits");
  }

  /** Why {@code value} is not one Subresource Integrity hash as npm records it, or empty. */
  public static Optional<String> whyNotIntegrity(String value) {
    Matcher m = INTEGRITY.matcher(value);
    if (!m.matches()) {
      return Optional.of(
          "is \""
              + abbreviate(value)
              + "\", not one integrity hash such as \"sha512-<base64>\" (sha1, sha256, sha384 or"
              + " sha512)");
    }
    int expected = HASH_BYTES.get(m.group("algorithm"));
    byte[] hash;
    try {
      hash = Base64.getDecoder().decode(m.group("hash"));
    } catch (IllegalArgumentException e) {
      return Optional.of("is not valid base64 after \"" + m.group("algorithm") + "-\"");
    }
    if (hash.length != expected) {
      return Optional.of(
          "holds "
              + hash.length
              + " bytes of "
              + m.group("algorithm")
              + ", which is "
              + expected
              + " bytes long");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not an exact semantic version (no range, no tag), or empty. */
  public static Optional<String> whyNotExactVersion(String value) {
    if (EXACT_VERSION.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "is \""
            + abbreviate(value)
            + "\", not an exact version such as \"1.2.3\" (no range or tag)");
  }

  /** Why {@code value} is not an npm package name, or empty. */
  public static Optional<String> whyNotPackageName(String value) {
    if (value.length() <= MAX_PACKAGE_NAME && PACKAGE_NAME.matcher(value).matches()) {
      return Optional.empty();
    }
    return Optional.of(
        "is \"" + abbreviate(value) + "\", not a package name such as \"@scope/name\" or \"name\"");
  }

  /**
   * Why {@code value} is not a plain relative path inside a package (as {@code bin} must be: it is
   * joined to the package directory, so it must not climb out of it), or empty.
   */
  public static Optional<String> whyNotBinPath(String value) {
    if (value.isEmpty() || value.length() > MAX_BIN) {
      return Optional.of("must be a path of 1 to " + MAX_BIN + " characters");
    }
    if (value.startsWith("/")) {
      return Optional.of("is \"" + abbreviate(value) + "\", an absolute path");
    }
    if (value.contains("\\")) {
      return Optional.of("is \"" + abbreviate(value) + "\", which uses `\\`; separate with `/`");
    }
    if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      return Optional.of("contains a control character");
    }
    for (String segment : value.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return Optional.of(
            "is \""
                + abbreviate(value)
                + "\", which has an empty, `.` or `..` segment; write it like \"dist/index.js\"");
      }
    }
    return Optional.empty();
  }

  /** Why {@code value} is blank, or empty when it has text. */
  public static Optional<String> whyBlank(String value) {
    return value.isBlank() ? Optional.of("is empty") : Optional.empty();
  }

  /** Throws when {@code why} holds a reason, naming {@code what}. */
  public static void require(String what, Optional<String> why) {
    if (why.isPresent()) {
      throw new IllegalArgumentException(what + " " + why.get());
    }
  }

  static String abbreviate(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
  }
}

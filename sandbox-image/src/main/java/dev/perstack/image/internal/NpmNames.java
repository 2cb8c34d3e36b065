package dev.perstack.image.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Checks for npm package names, integrity strings and paths inside a package. */
public final class NpmNames {
  // npm's rules, allowing the upper-case letters of legacy names; no '/' outside the scope, so a
  // GitHub shorthand ("user/repo") is not a name; no leading '-', which npm would take as an
  // option.
  private static final Pattern NAME =
      Pattern.compile("(?:@[a-z0-9~][a-z0-9._~-]*/)?[A-Za-z0-9~][A-Za-z0-9._~-]*");
  // Subresource integrity as package-lock.json writes it; sha1 (packages from before 2017) is
  // refused: it no longer pins content.
  private static final Pattern INTEGRITY =
      Pattern.compile("sha(?:256|384|512)-[A-Za-z0-9+/]+={0,2}");

  private NpmNames() {}

  /** Requires an npm package name, e.g. {@code @modelcontextprotocol/server-filesystem}. */
  public static String requireName(String name) {
    if (!isName(name)) {
      throw new IllegalArgumentException("not an npm package name: '" + name + "'");
    }
    return name;
  }

  /** Whether {@code name} is an npm package name. */
  public static boolean isName(String name) {
    return name != null && name.length() <= 214 && NAME.matcher(name).matches();
  }

  /** The name without its scope: {@code server-filesystem} of {@code @x/server-filesystem}. */
  public static String unscoped(String name) {
    return name.substring(name.indexOf('/') + 1);
  }

  /** Whether {@code integrity} is a registry integrity: {@code sha512-} (or 384, 256), base64. */
  public static boolean isIntegrity(String integrity) {
    return integrity != null && INTEGRITY.matcher(integrity).matches();
  }

  /** Requires a registry integrity ({@link #isIntegrity}). */
  public static String requireIntegrity(String integrity) {
    if (!isIntegrity(integrity)) {
      throw new IllegalArgumentException(
          "not an npm integrity 'sha512-<base64>': '" + integrity + "'");
    }
    return integrity;
  }

  /**
   * A path inside a package with {@code ./} and empty segments dropped ({@code ./dist//index.js}
   * becomes {@code dist/index.js}); refuses absolute paths, {@code ..} and backslashes, which could
   * leave the package directory.
   */
  public static String normaliseBin(String bin) {
    if (bin == null || bin.isBlank()) {
      throw new IllegalArgumentException("a bin path is required");
    }
    if (bin.startsWith("/") || bin.contains("\\") || bin.contains("\0")) {
      throw new IllegalArgumentException(
          "a bin path must be relative to the package: '" + bin + "'");
    }
    List<String> segments = new ArrayList<>();
    for (String s : bin.split("/")) {
      if (s.equals("..")) {
        throw new IllegalArgumentException("a bin path must not leave the package: '" + bin + "'");
      }
      if (!s.isEmpty() && !s.equals(".")) {
        segments.add(s);
      }
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a bin path must name a file: '" + bin + "'");
    }
    return String.join("/", segments);
  }
}

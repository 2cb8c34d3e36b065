package dev.perstack.lockfile.config.internal;

import java.util.regex.Pattern;

/** Builds the dotted key names shown in problems, quoting segments the way TOML needs. */
final class FieldPath {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_-]+");

  private FieldPath() {}

  static String child(String parent, String key) {
    String segment = BARE.matcher(key).matches() ? key : quote(key);
    return parent.isEmpty() ? segment : parent + "." + segment;
  }

  static String quote(String key) {
    return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}

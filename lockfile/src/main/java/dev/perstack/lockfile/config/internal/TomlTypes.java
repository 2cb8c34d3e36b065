package dev.perstack.lockfile.config.internal;

import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/** Names TOML values the way a person reading the file would. */
final class TomlTypes {
  private TomlTypes() {}

  static String describe(Object value) {
    if (value instanceof String text) {
      return "the string \"" + abbreviate(text) + "\"";
    }
    if (value instanceof Long || value instanceof Double) {
      return "the number " + value;
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    if (value instanceof TomlArray) {
      return "an array";
    }
    if (value instanceof TomlTable) {
      return "a table";
    }
    return "a date/time";
  }

  private static String abbreviate(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
  }
}

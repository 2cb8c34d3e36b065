package dev.perstack.lockfile.lock.internal;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * TOML 1.0 spelling of keys and values. tomlj only reads (its {@code toToml} prints a parsed table
 * with no say over layout), so the lock is written with these.
 */
public final class TomlText {
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private TomlText() {}

  /** A key: bare when TOML allows it, quoted otherwise. */
  public static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : basicString(key);
  }

  /** A key that is always quoted, for expert keys, which read best the same way every time. */
  public static String quotedKey(String key) {
    return basicString(key);
  }

  /** A dotted table name from {@code prefix} (already spelled) and one more key. */
  public static String child(String prefix, String key) {
    return prefix.isEmpty() ? key(key) : prefix + "." + key(key);
  }

  /** An offset date-time in UTC, for example {@code 2026-11-26T15:00:00Z}. */
  public static String instant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  /**
   * A one-line basic string: quotes, backslashes and control characters escaped, everything else as
   * UTF-8.
   *
   * @throws IllegalArgumentException for a lone UTF-16 surrogate, which no TOML string can hold
   */
  public static String basicString(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\n' -> out.append("\\n");
        default -> appendEscaped(out, text, i);
      }
      if (Character.isHighSurrogate(c)) {
        i++;
      }
    }
    return out.append('"').toString();
  }

  /**
   * A string that reads well in a diff: multi-line basic for text with line breaks (the newline
   * after the opening quotes is not part of the value), one-line basic otherwise.
   */
  public static String string(String text) {
    if (text.indexOf('\n') < 0) {
      return basicString(text);
    }
    StringBuilder out = new StringBuilder(text.length() + 8).append("\"\"\"\n");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        // No two raw quotes in a row and none at the end, so `"""` never closes early.
        boolean risky = i == text.length() - 1 || text.charAt(i + 1) == '"';
        out.append(risky ? "\\\"" : "\"");
      } else if (c == '\n') {
        out.append('\n');
      } else {
        appendEscaped(out, text, i);
        if (Character.isHighSurrogate(c)) {
          i++;
        }
      }
    }
    return out.append("\"\"\"").toString();
  }

  /**
   * JSON text as a multi-line literal string ({@code '''...'''}), which needs no escapes; a basic
   * string when the text holds {@code '''} or a control character, which literal strings cannot.
   */
  public static String json(String json) {
    boolean literalSafe =
        !json.contains("'''")
            && !json.startsWith("\n")
            && !json.endsWith("'")
            && json.chars().noneMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)
            && !hasLoneSurrogate(json);
    return literalSafe ? "'''" + json + "'''" : basicString(json);
  }

  /**
   * Any tree value on one line: strings, whole and finite numbers, booleans, arrays and inline
   * tables (keys sorted).
   */
  public static String inline(Object value) {
    if (value instanceof String text) {
      return basicString(text);
    }
    if (value instanceof Long || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Double d) {
      // Double.toString gives 1.0, 1.0E10, 1.0E-5: all valid TOML floats.
      return d.toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(inline(list.get(i)));
      }
      return out.append(']').toString();
    }
    if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        return "{}";
      }
      StringBuilder out = new StringBuilder("{ ");
      boolean first = true;
      for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
        out.append(first ? "" : ", ")
            .append(key((String) entry.getKey()))
            .append(" = ")
            .append(inline(entry.getValue()));
        first = false;
      }
      return out.append(" }").toString();
    }
    throw new IllegalArgumentException(
        "no TOML form for " + (value == null ? "null" : value.getClass().getSimpleName()));
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static void appendEscaped(StringBuilder out, String text, int i) {
    char c = text.charAt(i);
    switch (c) {
      case '\\' -> out.append("\\\\");
      case '\b' -> out.append("\\b");
      case '\t' -> out.append("\\t");
      case '\f' -> out.append("\\f");
      case '\r' -> out.append("\\r");
      case '\n' -> out.append("\\n");
      case '"' -> out.append("\\\"");
      default -> {
        if (c < 0x20 || c == 0x7f) {
          out.append(String.format("\\u%04X", (int) c));
        } else if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          out.append(c).append(text.charAt(i + 1));
        } else if (Character.isSurrogate(c)) {
          throw new IllegalArgumentException(
              "perstack.lock cannot hold text with a lone UTF-16 surrogate (U+"
                  + String.format("%04X", (int) c)
                  + ") in \""
                  + LockFormats.abbreviate(text)
                  + "\"");
        } else {
          out.append(c);
        }
      }
    }
  }
}

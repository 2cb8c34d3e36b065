package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Typed, position-aware reads from one TOML table; a wrong type or size becomes a problem, never an
 * exception.
 */
final class TableReader {
  private final TomlTable table;
  private final String path;
  private final SourcePosition position;
  private final Problems problems;
  private final String expertKey;

  TableReader(
      TomlTable table, String path, SourcePosition position, Problems problems, String expertKey) {
    this.table = table;
    this.path = path;
    this.position = position;
    this.problems = problems;
    this.expertKey = expertKey;
  }

  /** The dotted name of this table, for example {@code experts."a".skills.fs}. */
  String path() {
    return path;
  }

  /** Where the table starts (its header, or its first key for inline tables). */
  SourcePosition position() {
    return position;
  }

  String expertKey() {
    return expertKey;
  }

  Problems problems() {
    return problems;
  }

  Set<String> keys() {
    return table.keySet();
  }

  boolean has(String key) {
    return table.contains(List.of(key));
  }

  Object raw(String key) {
    return table.get(List.of(key));
  }

  String field(String key) {
    return FieldPath.child(path, key);
  }

  SourcePosition positionOf(String key) {
    return TomlParsing.position(table.inputPositionOf(List.of(key)), position);
  }

  void error(String key, String what, String fix) {
    problems.error(positionOf(key), field(key), expertKey, what, fix);
  }

  void warning(String key, String what, String fix) {
    problems.warning(positionOf(key), field(key), expertKey, what, fix);
  }

  /** A problem about the table as a whole, reported at its header. */
  void tableError(String what, String fix) {
    problems.error(position, path, expertKey, what, fix);
  }

  void tableWarning(String what, String fix) {
    problems.warning(position, path, expertKey, what, fix);
  }

  Optional<String> string(String key, int maxLength) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      wrongType(key, value, "a string");
      return Optional.empty();
    }
    if (text.length() > maxLength) {
      error(
          key,
          "`"
              + field(key)
              + "` is "
              + text.length()
              + " characters long, over the limit of "
              + maxLength,
          "shorten it to at most " + maxLength + " characters");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** A string that must be present and non-blank; reports a missing key at the table. */
  Optional<String> requiredString(String key, int maxLength, String fix) {
    if (!has(key)) {
      tableError("`" + path + "` has no `" + key + "`", fix);
      return Optional.empty();
    }
    Optional<String> text = string(key, maxLength);
    if (text.isPresent() && text.get().isBlank()) {
      error(key, "`" + field(key) + "` is empty", fix);
      return Optional.empty();
    }
    return text;
  }

  Optional<Long> integer(String key, long min, long max) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Long number)) {
      wrongType(key, value, "an integer");
      return Optional.empty();
    }
    if (number < min || number > max) {
      error(
          key,
          "`" + field(key) + "` is " + number + ", outside " + min + ".." + max,
          "use a whole number from " + min + " to " + max);
      return Optional.empty();
    }
    return Optional.of(number);
  }

  Optional<Boolean> bool(String key) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Boolean flag)) {
      wrongType(key, value, "true or false");
      return Optional.empty();
    }
    return Optional.of(flag);
  }

  /** An array of strings; each element's position is kept for element-level problems. */
  Optional<List<Item>> strings(String key, int maxItems) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof TomlArray array)) {
      wrongType(key, value, "an array of strings");
      return Optional.empty();
    }
    if (array.size() > maxItems) {
      error(
          key,
          "`" + field(key) + "` has " + array.size() + " items, over the limit of " + maxItems,
          "keep at most " + maxItems);
      return Optional.empty();
    }
    List<Item> items = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      Object element = array.get(i);
      SourcePosition at = TomlParsing.position(array.inputPositionOf(i), positionOf(key));
      if (element instanceof String text) {
        items.add(new Item(text, at));
      } else {
        problems.error(
            at,
            field(key) + "[" + i + "]",
            expertKey,
            "`"
                + field(key)
                + "` item "
                + (i + 1)
                + " is "
                + TomlTypes.describe(element)
                + ", not a string",
            "write every item as a quoted string");
        ok = false;
      }
    }
    return ok ? Optional.of(items) : Optional.empty();
  }

  /** Values of {@link #strings} without positions; an absent key reads as empty. */
  List<String> stringValues(String key, int maxItems) {
    return strings(key, maxItems).map(l -> l.stream().map(Item::value).toList()).orElse(List.of());
  }

  Optional<TableReader> table(String key) {
    Object value = raw(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof TomlTable child)) {
      wrongType(key, value, "a table");
      return Optional.empty();
    }
    return Optional.of(new TableReader(child, field(key), positionOf(key), problems, expertKey));
  }

  /** A nested table read on behalf of an expert, so its problems are attributed to it. */
  TableReader forExpert(String key) {
    return new TableReader(table, path, position, problems, key);
  }

  /**
   * Warns about every key not in {@code known}, with a did-you-mean hint, or with the place a key
   * belongs when {@code elsewhere} knows it.
   */
  void warnUnknownKeys(Set<String> known, Map<String, String> elsewhere) {
    for (String key : keys()) {
      if (known.contains(key)) {
        continue;
      }
      String where = elsewhere.get(key);
      if (where != null) {
        warning(key, "`" + field(key) + "` is not read here: " + where, "move or remove it");
        continue;
      }
      String hint = DidYouMean.hint(key, known);
      warning(
          key,
          "unknown key `" + field(key) + "` is ignored",
          hint.isEmpty() ? "remove it, or check the spelling against `perstack schema`" : hint);
    }
  }

  private void wrongType(String key, Object value, String expected) {
    error(
        key,
        "`" + field(key) + "` is " + TomlTypes.describe(value) + ", but it must be " + expected,
        "write it as " + expected);
  }

  /** A string from an array, with where it was written. */
  record Item(String value, SourcePosition position) {}
}

package dev.perstack.lockfile.lock.internal;

import dev.perstack.lockfile.config.SourcePosition;
import dev.perstack.lockfile.config.internal.TomlParsing;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Typed, position-aware reads from one table of a lock; a missing or mistyped value becomes a
 * problem, never an exception. Keys nobody reads are left alone (newer Perstacks may add some).
 */
final class LockTable {
  private final TomlTable table;
  private final String path;
  private final SourcePosition position;
  private final LockProblems problems;

  LockTable(TomlTable table, String path, SourcePosition position, LockProblems problems) {
    this.table = table;
    this.path = path;
    this.position = position;
    this.problems = problems;
  }

  TomlTable toml() {
    return table;
  }

  String path() {
    return path;
  }

  SourcePosition position() {
    return position;
  }

  LockProblems problems() {
    return problems;
  }

  Set<String> keys() {
    return table.keySet();
  }

  Object raw(String key) {
    return table.get(List.of(key));
  }

  String field(String key) {
    return TomlText.child(path, key);
  }

  SourcePosition positionOf(String key) {
    return TomlParsing.position(table.inputPositionOf(List.of(key)), position);
  }

  void error(String key, String what, String fix) {
    problems.add(positionOf(key), field(key), what, fix);
  }

  /** A problem about the table as a whole, reported at its header. */
  void tableError(String what, String fix) {
    problems.add(position, path, what, fix);
  }

  /** A string; reports a wrong type, and a missing key when {@code required}. */
  Optional<String> string(String key, boolean required) {
    Object value = raw(key);
    if (value == null) {
      if (required) {
        missing(key);
      }
      return Optional.empty();
    }
    if (!(value instanceof String text)) {
      wrongType(key, value, "a string");
      return Optional.empty();
    }
    return Optional.of(text);
  }

  /** A string that must also pass {@code rule}, which says why a value is refused. */
  Optional<String> checked(String key, boolean required, Function<String, Optional<String>> rule) {
    Optional<String> text = string(key, required);
    if (text.isPresent()) {
      Optional<String> why = rule.apply(text.get());
      if (why.isPresent()) {
        error(key, "`" + field(key) + "` " + why.get(), LockProblems.REINSTALL);
        return Optional.empty();
      }
    }
    return text;
  }

  Optional<LockTable> table(String key, boolean required) {
    return table(key, required, field(key));
  }

  /** A sub-table named in problems as {@code childPath} (expert keys are always quoted there). */
  Optional<LockTable> table(String key, boolean required, String childPath) {
    Object value = raw(key);
    if (value == null) {
      if (required) {
        missing(key);
      }
      return Optional.empty();
    }
    if (!(value instanceof TomlTable child)) {
      wrongType(key, value, "a table");
      return Optional.empty();
    }
    return Optional.of(new LockTable(child, childPath, positionOf(key), problems));
  }

  /** An array of tables ({@code [[key]]} or inline); an absent key reads as empty. */
  List<LockTable> tables(String key) {
    Object value = raw(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof TomlArray array)) {
      wrongType(key, value, "an array of tables");
      return List.of();
    }
    List<LockTable> tables = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String elementPath = field(key) + "[" + i + "]";
      SourcePosition at = TomlParsing.position(array.inputPositionOf(i), positionOf(key));
      if (array.get(i) instanceof TomlTable element) {
        tables.add(new LockTable(element, elementPath, at, problems));
      } else {
        problems.add(
            at,
            elementPath,
            "`" + elementPath + "` is " + describe(array.get(i)) + ", but it must be a table",
            LockProblems.REINSTALL);
      }
    }
    return tables;
  }

  void missing(String key) {
    String where = path.isEmpty() ? "the lock" : "`" + path + "`";
    tableError(where + " has no `" + key + "`", LockProblems.REINSTALL);
  }

  void wrongType(String key, Object value, String expected) {
    error(
        key,
        "`" + field(key) + "` is " + describe(value) + ", but it must be " + expected,
        LockProblems.REINSTALL);
  }

  /** A TOML value named the way a person reading the file would. */
  static String describe(Object value) {
    if (value instanceof String text) {
      return "the string \"" + LockFormats.abbreviate(text) + "\"";
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
    if (value instanceof TemporalAccessor) {
      return "the date/time " + value;
    }
    return "a value";
  }
}

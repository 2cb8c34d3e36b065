package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.SourcePosition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

/**
 * Parses TOML with tomlj, keeping ANTLR's version notice off stderr.
 *
 * <p>tomlj 1.1.1 was generated with ANTLR 4.11; the Quarkus BOM (Hibernate) needs the 4.13 runtime,
 * which is compatible but prints a version-mismatch notice from the parser's static initialiser.
 * That notice would corrupt the CLI's output, so the classes are initialised once with stderr
 * captured, and everything else written meanwhile is passed on.
 */
public final class TomlParsing {
  static {
    initialiseQuietly();
  }

  private TomlParsing() {}

  /** A TOML document, or why {@code text} is not one. */
  public record Parsed(Optional<TomlParseResult> document, List<SyntaxError> errors) {}

  /**
   * A syntax error: where ({@link SourcePosition#START} when tomlj does not say), what, and for a
   * hand-written file how to fix it when more can be said than "fix the TOML there".
   */
  public record SyntaxError(SourcePosition position, String what, Optional<String> fix) {}

  /** Parses {@code text}, collecting every syntax error, also those tomlj throws. */
  public static Parsed parse(String text) {
    List<TomlParseError> errors;
    try {
      TomlParseResult toml = Toml.parse(text);
      if (toml.errors().isEmpty()) {
        return new Parsed(Optional.of(toml), List.of());
      }
      errors = toml.errors();
    } catch (TomlParseError thrown) {
      // tomlj throws some errors (bad escapes in quoted keys) instead of collecting them.
      errors = List.of(thrown);
    } catch (AssertionError tomljAssertion) {
      // With -ea, tomlj asserts on a malformed \\u escape instead of reporting it.
      return new Parsed(
          Optional.empty(),
          List.of(
              new SyntaxError(
                  SourcePosition.START,
                  "a string has a malformed escape sequence (such as `\\u` without four hex"
                      + " digits)",
                  Optional.of("write a backslash as `\\\\`, or use a 'literal string'"))));
    }
    return new Parsed(
        Optional.empty(),
        errors.stream()
            .map(
                e ->
                    new SyntaxError(
                        position(e.position(), SourcePosition.START),
                        e.getMessage().replaceAll(" \\(line \\d+, column \\d+\\)$", ""),
                        Optional.empty()))
            .toList());
  }

  /** Where tomlj says something is, or {@code fallback} when it does not. */
  public static SourcePosition position(TomlPosition position, SourcePosition fallback) {
    if (position == null || position.line() < 1 || position.column() < 1) {
      return fallback;
    }
    return new SourcePosition(position.line(), position.column());
  }

  private static void initialiseQuietly() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      ClassLoader loader = Toml.class.getClassLoader();
      Class.forName("org.tomlj.internal.TomlLexer", true, loader);
      Class.forName("org.tomlj.internal.TomlParser", true, loader);
    } catch (ClassNotFoundException e) {
      // A different tomlj layout: parsing still works, the notice may just show.
    } finally {
      System.setErr(original);
    }
    captured
        .toString(StandardCharsets.UTF_8)
        .lines()
        .filter(
            line ->
                !line.startsWith("ANTLR Tool version") && !line.startsWith("ANTLR Runtime version"))
        .forEach(original::println);
  }
}

package dev.perstack.lockfile.config.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

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

  /** Parses {@code text}; errors are in the result (tomlj throws for a few, see callers). */
  public static TomlParseResult parse(String text) {
    return Toml.parse(text);
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

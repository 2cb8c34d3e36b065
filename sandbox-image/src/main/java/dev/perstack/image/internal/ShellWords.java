package dev.perstack.image.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Shows a command line as a POSIX shell would need it typed (for error messages). */
public final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellWords() {}

  /** The words joined by spaces, each quoted when the shell would otherwise change it. */
  public static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  /** One word, single-quoted when needed. */
  public static String quote(String word) {
    if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}

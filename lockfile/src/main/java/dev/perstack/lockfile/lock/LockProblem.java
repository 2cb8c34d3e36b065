package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.config.SourcePosition;
import java.util.Objects;

/**
 * One thing wrong with a {@code perstack.lock}: where it is, what is wrong and how to fix it.
 *
 * @param file the file as the user named it
 * @param position where in the file
 * @param field the dotted key the problem is about, for example {@code experts."a".digest}
 * @param message what is wrong, one sentence without a final period
 * @param fix how to fix it, one sentence without a final period
 */
public record LockProblem(
    String file, SourcePosition position, String field, String message, String fix) {

  public LockProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** The report line: {@code FILE: line N, column C: what is wrong. how to fix it.} */
  public String format() {
    return file
        + ": line "
        + position.line()
        + ", column "
        + position.column()
        + ": "
        + sentence(message)
        + " "
        + sentence(fix);
  }

  private static String sentence(String text) {
    return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
  }
}

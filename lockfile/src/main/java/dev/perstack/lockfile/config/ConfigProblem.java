package dev.perstack.lockfile.config;

import java.util.Objects;

/**
 * One thing wrong with a {@code perstack.toml}: where it is, what is wrong and how to fix it.
 *
 * @param file the file as the user named it
 * @param position where in the file
 * @param severity error or warning
 * @param field the dotted key the problem is about, for example {@code experts."a".instruction}
 * @param expertKey the expert the problem belongs to, or {@code null} for file-level problems
 * @param message what is wrong, one sentence without a final period
 * @param fix how to fix it, one sentence without a final period
 */
public record ConfigProblem(
    String file,
    SourcePosition position,
    Severity severity,
    String field,
    String expertKey,
    String message,
    String fix) {

  public ConfigProblem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
  }

  /** This problem with another severity and message (strict mode, expert-scoped loads). */
  public ConfigProblem with(Severity newSeverity, String newMessage) {
    return new ConfigProblem(file, position, newSeverity, field, expertKey, newMessage, fix);
  }

  /**
   * The report line: {@code FILE: line N, column C: what is wrong. how to fix it.} Warnings carry a
   * {@code warning:} prefix before the message.
   */
  public String format() {
    String prefix = severity == Severity.WARNING ? "warning: " : "";
    return file
        + ": line "
        + position.line()
        + ", column "
        + position.column()
        + ": "
        + prefix
        + sentence(message)
        + " "
        + sentence(fix);
  }

  private static String sentence(String text) {
    return text.endsWith(".") || text.endsWith("?") || text.endsWith("!") ? text : text + ".";
  }
}

package dev.perstack.lockfile.lock.internal;

import dev.perstack.lockfile.config.SourcePosition;
import dev.perstack.lockfile.config.internal.TomlParsing;
import dev.perstack.lockfile.lock.InvalidLockException;
import dev.perstack.lockfile.lock.PerstackLock;
import java.util.Optional;
import org.tomlj.TomlParseResult;

/** Turns the text of a {@code perstack.lock} of either version into a {@link PerstackLock}. */
public final class LockReader {
  private static final String UNDERSTOOD =
      "this Perstack reads version 2 locks (version = 2) and the original Perstack's (version ="
          + " \"1\")";
  private static final String REWRITE = "run `perstack install` to write a version 2 lock";

  private LockReader() {}

  /**
   * Reads {@code text}, naming the file {@code displayName} in problems.
   *
   * @throws InvalidLockException with every problem found
   */
  public static PerstackLock read(String text, String displayName) throws InvalidLockException {
    LockProblems problems = new LockProblems(displayName);
    TomlParseResult toml = parse(text, problems);
    LockTable top = new LockTable(toml, "", SourcePosition.START, problems);
    Object version = top.raw("version");
    Optional<PerstackLock> lock = Optional.empty();
    if (version == null) {
      top.tableError("the lock has no `version`; " + UNDERSTOOD, REWRITE);
    } else if (Long.valueOf(PerstackLock.CURRENT_VERSION).equals(version)) {
      lock = V2LockReader.read(top);
    } else if (String.valueOf(PerstackLock.ORIGINAL_VERSION).equals(version)) {
      lock = V1LockReader.read(top);
    } else {
      top.error(
          "version",
          "`version` is " + LockTable.describe(version) + ", which " + UNDERSTOOD + " only",
          REWRITE);
    }
    if (!problems.isEmpty() || lock.isEmpty()) {
      throw new InvalidLockException(problems.inFileOrder());
    }
    return lock.get();
  }

  private static TomlParseResult parse(String text, LockProblems problems)
      throws InvalidLockException {
    TomlParsing.Parsed parsed = TomlParsing.parse(text);
    if (parsed.document().isPresent()) {
      return parsed.document().get();
    }
    for (TomlParsing.SyntaxError error : parsed.errors()) {
      problems.add(
          error.position(),
          "",
          "TOML syntax error: " + error.what(),
          "perstack.lock is written by a program, so an edit or a merge broke it; "
              + LockProblems.REINSTALL);
    }
    throw new InvalidLockException(problems.inFileOrder());
  }
}

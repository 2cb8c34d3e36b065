package dev.perstack.image;

import java.util.Objects;
import java.util.Optional;

/**
 * One way a skills image differs from its lock: the package concerned (none when it is the image or
 * the whole tree) and what differs, in one sentence.
 */
public record SkillsMismatch(Optional<String> packageName, String what) {
  public SkillsMismatch {
    Objects.requireNonNull(packageName, "packageName");
    Objects.requireNonNull(what, "what");
    if (what.isBlank() || what.contains("\n")) {
      throw new IllegalArgumentException("a mismatch is one non-blank line: " + what);
    }
  }

  /** A mismatch of the image as a whole. */
  public static SkillsMismatch ofImage(String what) {
    return new SkillsMismatch(Optional.empty(), what);
  }

  /** A mismatch of one package. */
  public static SkillsMismatch ofPackage(String name, String what) {
    return new SkillsMismatch(Optional.of(name), what);
  }

  @Override
  public String toString() {
    return packageName.map(n -> n + ": ").orElse("") + what;
  }
}

package dev.perstack.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared test inputs in {@code ../shared/fixtures} beside the project root. */
public final class SharedFixtures {
  private SharedFixtures() {}

  /** The {@code shared/fixtures} directory; fails with a clear message when it cannot be found. */
  public static Path dir() {
    String configured = System.getProperty("perstack.shared.dir");
    if (configured != null && Files.isDirectory(Path.of(configured, "fixtures"))) {
      return Path.of(configured, "fixtures").toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "cannot find shared/fixtures: set -Dperstack.shared.dir=<path to shared> or check out the"
            + " project beside its shared/ directory");
  }

  /** The {@code perstack.toml} fixtures: {@code valid/} and {@code invalid/}. */
  public static Path toml() {
    return dir().resolve("toml");
  }

  /** The project root (the directory with the parent {@code pom.xml} and {@code mvnw}). */
  public static Path projectRoot() {
    String configured = System.getProperty("perstack.project.dir");
    if (configured != null && Files.isRegularFile(Path.of(configured, "mvnw"))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("lockfile"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the project root (the directory with mvnw)");
  }
}

package dev.perstack.lockfile.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds {@code perstack.toml} the way Perstack does: walking up from a directory. */
public final class ConfigFileLocator {
  /** The file name looked for. */
  public static final String FILE_NAME = "perstack.toml";

  private ConfigFileLocator() {}

  /** The nearest {@code perstack.toml} in {@code start} or one of its parents. */
  public static Optional<Path> findFrom(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(FILE_NAME);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

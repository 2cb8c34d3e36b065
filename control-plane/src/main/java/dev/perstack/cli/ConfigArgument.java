package dev.perstack.cli;

import dev.perstack.lockfile.config.ConfigFileLocator;
import dev.perstack.lockfile.config.InvalidConfigException;
import dev.perstack.lockfile.config.LoadOptions;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds and loads the perstack.toml a command works on, reporting problems on stderr. */
final class ConfigArgument {
  private ConfigArgument() {}

  /** {@code --config} (a file or a directory), else the perstack.toml found from here upwards. */
  static Optional<Path> resolve(Path option) {
    if (option == null) {
      return ConfigFileLocator.findFrom(Path.of(""));
    }
    if (Files.isDirectory(option)) {
      return Optional.of(option.resolve(ConfigFileLocator.FILE_NAME));
    }
    return Optional.of(option);
  }

  /** A perstack.toml and what it says. */
  record Loaded(Path file, PerstackConfig config) {}

  /** The loaded configuration and its file, or empty after printing why there is none. */
  static Optional<Loaded> load(Path option, PrintWriter err) {
    Optional<Path> file = resolve(option);
    if (file.isEmpty() || !Files.isRegularFile(file.get())) {
      err.println(
          "perstack: no perstack.toml found "
              + file.map(f -> "at " + f).orElse("from " + Path.of("").toAbsolutePath())
              + "; pass --config FILE");
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Loaded(
              file.get(),
              PerstackConfigLoader.load(file.get(), file.get().toString(), LoadOptions.DEFAULT)
                  .config()));
    } catch (InvalidConfigException e) {
      e.errors().forEach(p -> err.println(p.format()));
      err.println("perstack: fix perstack.toml first (`perstack validate` lists every problem)");
      return Optional.empty();
    }
  }
}

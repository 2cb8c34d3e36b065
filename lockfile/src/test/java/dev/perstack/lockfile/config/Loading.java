package dev.perstack.lockfile.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Helpers that load TOML text the way the tests need it. */
final class Loading {
  static final String FILE = "perstack.toml";

  private Loading() {}

  static LoadedConfig load(String toml) {
    return load(toml, LoadOptions.DEFAULT);
  }

  static LoadedConfig load(String toml, LoadOptions options) {
    try {
      return PerstackConfigLoader.parse(toml, FILE, options);
    } catch (InvalidConfigException e) {
      throw new AssertionError("expected a valid file, got:\n" + e.getMessage(), e);
    }
  }

  /** The problems of a file that must fail to load. */
  static List<ConfigProblem> problems(String toml) {
    return problems(toml, LoadOptions.DEFAULT);
  }

  static List<ConfigProblem> problems(String toml, LoadOptions options) {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class, () -> PerstackConfigLoader.parse(toml, FILE, options));
    assertThat(e).as("the file should have been refused").isNotNull();
    return e.problems();
  }

  /** The formatted errors of a file that must fail to load, one per line. */
  static String errors(String toml) {
    return String.join(
        "\n",
        problems(toml).stream()
            .filter(p -> p.severity() == Severity.ERROR)
            .map(ConfigProblem::format)
            .toList());
  }

  /** The formatted warnings of a file that must load. */
  static String warnings(String toml) {
    return String.join("\n", load(toml).warnings().stream().map(ConfigProblem::format).toList());
  }

  static String expert(String key, String... lines) {
    return "[experts.\"" + key + "\"]\ninstruction = \"x\"\n" + String.join("\n", lines) + "\n";
  }
}

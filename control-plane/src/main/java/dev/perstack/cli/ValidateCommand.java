package dev.perstack.cli;

import dev.perstack.lockfile.config.ConfigProblem;
import dev.perstack.lockfile.config.InvalidConfigException;
import dev.perstack.lockfile.config.LoadOptions;
import dev.perstack.lockfile.config.LoadedConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perstack validate}: checks a perstack.toml and reports every problem at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check perstack.toml and report every problem in it, each as",
      "FILE: line N, column C: what is wrong. how to fix it.",
      "Without --config, perstack.toml is looked for in the working directory and its parents.",
      "Nothing is written."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  perstack validate",
      "  perstack validate --config examples/hello/perstack.toml",
      "  perstack validate --strict --format json",
      "",
      "Exit codes: 0 valid, 1 invalid (or not found), 2 usage error."
    })
final class ValidateCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "The perstack.toml to check (a directory means its perstack.toml).")
  Path config;

  @Option(names = "--strict", description = "Treat every warning as an error.")
  boolean strict;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Report as ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ValidationReport report =
        new ValidationReport(spec.commandLine().getOut(), spec.commandLine().getErr());
    Optional<Path> file = ConfigArgument.resolve(config);
    if (file.isEmpty()) {
      return report.notFound(format, Path.of("").toAbsolutePath());
    }
    String displayName = displayName(file.get());
    try {
      LoadedConfig loaded =
          PerstackConfigLoader.load(
              file.get(), displayName, LoadOptions.DEFAULT.withStrict(strict));
      return report.valid(format, displayName, loaded);
    } catch (InvalidConfigException e) {
      List<ConfigProblem> problems = e.problems();
      return report.invalid(format, displayName, problems);
    }
  }

  /** The file as the user would type it: as given, or relative to the working directory. */
  private String displayName(Path file) {
    if (config != null && !Files.isDirectory(config)) {
      return config.toString();
    }
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = file.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
  }
}

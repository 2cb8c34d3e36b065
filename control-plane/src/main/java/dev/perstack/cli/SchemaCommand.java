package dev.perstack.cli;

import dev.perstack.lockfile.config.PerstackTomlSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perstack schema}: prints the JSON Schema of perstack.toml. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Print the JSON Schema (draft 2020-12) of perstack.toml.",
      "Editors use it for completion and checks: save it and add `#:schema ./perstack.schema.json`",
      "as the first line of perstack.toml (Taplo / Even Better TOML)."
    },
    footerHeading = "%nExample:%n",
    footer = "  perstack schema > perstack.schema.json")
final class SchemaCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(PerstackTomlSchema.json().strip());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

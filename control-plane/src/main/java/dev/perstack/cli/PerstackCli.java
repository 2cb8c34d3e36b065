package dev.perstack.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code perstack} command: entry point of the CLI and of the {@code ./perstack} launcher. */
@Command(
    name = "perstack",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Run, validate and inspect the Experts declared in perstack.toml.",
    subcommands = {
      ValidateCommand.class,
      RunCommand.class,
      ServeCommand.class,
      JobsCommand.class,
      LogCommand.class,
      InstallCommand.class,
      AuditCommand.class,
      ImageCommand.class,
      SchemaCommand.class,
      CompletionCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  perstack validate                      check the perstack.toml found from here upwards",
      "  perstack validate --config examples/hello/perstack.toml --strict",
      "  perstack schema > perstack.schema.json  JSON Schema for your editor",
      "  source <(perstack completion bash)      tab completion in this shell",
      "  perstack install                       pin skills, image and tools in perstack.lock",
      "  perstack audit                         which lock, definitions and image each job ran",
      "",
      "Exit codes:",
      "  0  ok",
      "  1  the input is invalid, or the job did not complete",
      "  2  usage error (unknown option, missing argument)"
    })
public final class PerstackCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // `perstack` alone explains itself instead of failing.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with the project's exit codes and error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new PerstackCli());
    cli.setExitCodeExceptionMapper(
        e -> e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.FAILED);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          err.println("perstack: " + e.getMessage());
          err.flush();
          return ExitCodes.FAILED;
        });
    return cli;
  }

  /**
   * The command line of this process: {@link #commandLine()} printing to standard output in UTF-8
   * whatever the locale, as NDJSON must be.
   */
  public static CommandLine forProcess() {
    CommandLine cli = commandLine();
    cli.setOut(new Utf8Stdout(new FileOutputStream(FileDescriptor.out)));
    return cli;
  }

  public static void main(String[] args) {
    System.exit(forProcess().execute(args));
  }
}

package dev.perstack.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code perstack completion bash}: prints a shell completion script generated from the commands.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a completion script for a shell.",
      "bash: source it; zsh: run `autoload -U +X bashcompinit && bashcompinit` first."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(perstack completion bash)",
      "  perstack completion bash > /etc/bash_completion.d/perstack"
    })
final class CompletionCommand implements Callable<Integer> {

  enum Shell {
    bash,
    zsh
  }

  @CommandLine.Parameters(index = "0", description = "The shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // picocli's script serves bash and, through bashcompinit, zsh.
    String script = AutoComplete.bash("perstack", spec.root().commandLine());
    spec.commandLine().getOut().print(script);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}

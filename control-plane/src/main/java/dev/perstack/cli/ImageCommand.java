package dev.perstack.cli;

import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildException;
import dev.perstack.image.SandboxImage;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code perstack image build}: builds the sandbox image (offline base, then the agent's layers).
 */
@Command(
    name = "image",
    mixinStandardHelpOptions = true,
    description = "Manage the sandbox image jobs run in.",
    subcommands = {ImageCommand.Build.class})
final class ImageCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds what is missing of the sandbox image and prints its reference and id. */
  @Command(
      name = "build",
      mixinStandardHelpOptions = true,
      description = {
        "Build the sandbox image if its inputs changed: a Debian base from packages (mmdebstrap,",
        "no registry needed), then the agent's layers with jib. Progress goes to stderr; the",
        "image reference and id to stdout. Needs a Docker engine and, for the base, root."
      },
      footerHeading = "%nExample:%n",
      footer = "  perstack image build")
  static final class Build implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try (ImageBuild build = ImageBuild.connect()) {
        SandboxImage image =
            build.ensureSandboxImage(
                progress -> {
                  err.println("perstack: " + progress.format());
                  err.flush();
                });
        out.println(
            image.reference()
                + " "
                + image.imageId()
                + (image.built() ? " (built)" : " (up to date)"));
        out.flush();
        return ExitCodes.OK;
      } catch (ImageBuildException e) {
        err.println("perstack: " + e.getMessage());
        return ExitCodes.FAILED;
      } catch (java.io.IOException e) {
        err.println("perstack: closing the Docker connection failed: " + e.getMessage());
        return ExitCodes.FAILED;
      }
    }
  }
}

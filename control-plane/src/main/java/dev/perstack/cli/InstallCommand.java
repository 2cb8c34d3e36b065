package dev.perstack.cli;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.controlplane.lock.InstallException;
import dev.perstack.controlplane.lock.LockInstaller;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.docker.DockerEngine;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.sandbox.docker.DockerToolListing;
import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perstack install} (alias {@code lock}): writes perstack.lock; {@code lock verify}. */
@Command(
    name = "install",
    aliases = "lock",
    mixinStandardHelpOptions = true,
    description = {
      "Pin what production runs: resolve every expert of perstack.toml, pin each npm skill",
      "package (exact version, registry integrity), install the packages into a layer on top",
      "of the sandbox image, start each stdio skill once in it (no network) to capture its",
      "tools, and write perstack.lock beside perstack.toml. Progress goes to stderr.",
      "Needs a Docker engine, and npm on this machine to fetch the packages."
    },
    subcommands = {LockVerifyCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  perstack install",
      "  perstack install --config examples/code-review",
      "  perstack lock verify             re-check the image and packages a lock pins",
      "  perstack run --locked EXPERT Q   refuse to run without a current lock"
    })
final class InstallCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "perstack.toml (default: found from the working directory upwards).")
  Path config;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "180",
      description = "How long the skills may take to start and list their tools (default: 180).")
  int timeoutSeconds;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Optional<ConfigArgument.Loaded> loaded = ConfigArgument.load(config, err);
    if (loaded.isEmpty()) {
      return ExitCodes.FAILED;
    }
    Path file = loaded.get().file();
    try (ImageBuild images = ImageBuild.connect(ImageBuildSettings.defaults());
        DockerClient docker = DockerEngine.connect()) {
      DockerToolListing listing = new DockerToolListing(docker, DockerSandboxSettings.DEFAULTS);
      LockInstaller.Installed installed =
          new LockInstaller(
                  images,
                  listing::list,
                  line -> {
                    err.println("perstack: " + line);
                    err.flush();
                  },
                  Clock.systemUTC(),
                  VersionProvider.version(),
                  Duration.ofSeconds(timeoutSeconds))
              .install(file, loaded.get().config(), System.getenv());
      spec.commandLine().getOut().println(installed.lockFile());
      return ExitCodes.OK;
    } catch (InstallException | SandboxException e) {
      err.println("perstack: install failed: " + e.getMessage());
      err.println("perstack: nothing was written");
      return ExitCodes.FAILED;
    }
  }
}

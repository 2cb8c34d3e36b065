package dev.perstack.cli;

import dev.perstack.controlplane.lock.LockVerifier;
import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildException;
import dev.perstack.image.ImageBuildSettings;
import dev.perstack.lockfile.lock.InvalidLockException;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.PerstackLock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code perstack lock verify}: reports every way a lock and what it pins have drifted apart. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Re-check perstack.lock: the locked image is still in the Docker engine with the same id,",
      "every pinned package inside it has the locked version and files, and every expert of",
      "perstack.toml still matches its locked definition. Each mismatch is one line on stdout.",
      "Exit code 0 when the lock holds, 1 otherwise."
    })
final class LockVerifyCommand implements Callable<Integer> {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "perstack.toml (default: found from the working directory upwards).")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<ConfigArgument.Loaded> loaded = ConfigArgument.load(config, err);
    if (loaded.isEmpty()) {
      return ExitCodes.FAILED;
    }
    Path lockFile = LockFiles.besideConfig(loaded.get().file().toAbsolutePath());
    if (!Files.isRegularFile(lockFile)) {
      err.println("perstack: no perstack.lock at " + lockFile + "; run `perstack install`");
      return ExitCodes.FAILED;
    }
    PerstackLock lock;
    try {
      lock = LockFiles.read(lockFile);
    } catch (InvalidLockException e) {
      e.problems().forEach(p -> err.println(p.format()));
      return ExitCodes.FAILED;
    }
    try (ImageBuild images = ImageBuild.connect(ImageBuildSettings.defaults())) {
      List<String> mismatches = new LockVerifier(images).verify(lock, loaded.get().config());
      mismatches.forEach(m -> out.println(lockFile + ": " + m));
      if (mismatches.isEmpty()) {
        out.println(
            lockFile
                + ": ok ("
                + lock.packages().size()
                + " packages, image "
                + lock.image().map(i -> i.reference() + " " + i.id()).orElse("none")
                + ")");
        return ExitCodes.OK;
      }
      err.println("perstack: the lock does not hold; run `perstack install` to renew it");
      return ExitCodes.FAILED;
    } catch (ImageBuildException e) {
      err.println("perstack: " + e.getMessage());
      return ExitCodes.FAILED;
    }
  }
}

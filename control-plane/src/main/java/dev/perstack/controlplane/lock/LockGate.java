package dev.perstack.controlplane.lock;

import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.lock.InvalidLockException;
import dev.perstack.lockfile.lock.LockCheck;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.LockProblem;
import dev.perstack.lockfile.lock.LockedImage;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.lockfile.lock.StaleLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides, before any sandbox starts, which lock a job runs under: the {@code perstack.lock} beside
 * its {@code perstack.toml}, refused when it is stale (a definition the job can reach changed),
 * when its image is gone from the runtime, or — with {@code required} — when there is none.
 */
public final class LockGate {
  private static final String FIX = "run `perstack install` to update perstack.lock";

  private LockGate() {}

  /**
   * @param required whether a job must have a lock ({@code --locked}, or a production setting)
   * @return the lock, or empty when there is none and none is required
   */
  public static Optional<ActiveLock> admit(
      Path configFile,
      PerstackConfig config,
      String expertKey,
      boolean required,
      SandboxRuntime runtime)
      throws LockRefusedException {
    Path file = LockFiles.besideConfig(configFile.toAbsolutePath());
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw new LockRefusedException(
            List.of(
                "no perstack.lock beside "
                    + configFile
                    + ", and this job must run locked; "
                    + FIX
                    + " (or run without --locked)"));
      }
      return Optional.empty();
    }
    PerstackLock lock;
    String digest;
    try {
      LockFiles.LoadedLock loaded = LockFiles.load(file);
      lock = loaded.lock();
      digest = loaded.digest();
    } catch (InvalidLockException e) {
      List<String> reasons = new ArrayList<>();
      for (LockProblem problem : e.problems()) {
        reasons.add(problem.format());
      }
      reasons.add("perstack.lock cannot be read; " + FIX);
      throw new LockRefusedException(reasons);
    }
    if (lock.version() < PerstackLock.CURRENT_VERSION) {
      String warning =
          file
              + " is a version "
              + lock.version()
              + " lock: its tool definitions are used, but it pins no packages, image or"
              + " definitions digest; "
              + FIX
              + " to pin them";
      if (required) {
        throw new LockRefusedException(List.of(warning));
      }
      return Optional.of(new ActiveLock(file, digest, lock, Optional.empty(), List.of(warning)));
    }
    List<String> reasons = new ArrayList<>();
    for (StaleLock stale : LockCheck.check(lock, config, expertKey)) {
      reasons.add(file + ": " + stale.message());
    }
    Optional<String> image = Optional.empty();
    if (runtime.usesImages() && lock.image().isPresent()) {
      LockedImage locked = lock.image().get();
      if (!runtime.hasImage(locked.id())) {
        reasons.add(
            file
                + ": the locked image "
                + locked.reference()
                + " ("
                + locked.id()
                + ") is gone from the "
                + runtime.name()
                + " runtime; "
                + FIX);
      }
      image = Optional.of(locked.id());
    }
    if (!reasons.isEmpty()) {
      throw new LockRefusedException(reasons);
    }
    return Optional.of(new ActiveLock(file, digest, lock, image, List.of()));
  }
}

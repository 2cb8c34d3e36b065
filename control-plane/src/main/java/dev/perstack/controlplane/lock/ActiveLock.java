package dev.perstack.controlplane.lock;

import dev.perstack.lockfile.lock.PerstackLock;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lock a job runs under, as the gate admitted it.
 *
 * @param digest the sha256 of the lock file's bytes, recorded on the job for the audit trail
 * @param image the locked image the job must run in, when its runtime uses images
 * @param warnings what the user should know but that does not stop the job (a version-1 lock)
 */
public record ActiveLock(
    Path file, String digest, PerstackLock lock, Optional<String> image, List<String> warnings) {
  public ActiveLock {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(lock, "lock");
    Objects.requireNonNull(image, "image");
    warnings = List.copyOf(warnings);
  }
}

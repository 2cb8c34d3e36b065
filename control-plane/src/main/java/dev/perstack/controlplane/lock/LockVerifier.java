package dev.perstack.controlplane.lock;

import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildException;
import dev.perstack.image.NpmPackage;
import dev.perstack.image.SkillsMismatch;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.lock.LockCheck;
import dev.perstack.lockfile.lock.LockedImage;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.lockfile.lock.StaleLock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code perstack lock verify}: re-checks a lock against what it pins — the image is still there
 * with the same id, every pinned package inside it has the locked version and files — and against
 * the configuration beside it. Reports every mismatch; an empty list means the lock holds.
 */
public final class LockVerifier {
  private final ImageBuild images;

  public LockVerifier(ImageBuild images) {
    this.images = images;
  }

  /** Every mismatch, one sentence each. */
  public List<String> verify(PerstackLock lock, PerstackConfig config) throws ImageBuildException {
    List<String> mismatches = new ArrayList<>();
    if (lock.version() < PerstackLock.CURRENT_VERSION) {
      mismatches.add(
          "this is a version "
              + lock.version()
              + " lock, which pins no image or packages to verify; run `perstack install`");
      return mismatches;
    }
    Set<String> stale = new LinkedHashSet<>();
    for (ExpertDefinition expert : config.experts().values()) {
      for (StaleLock s : LockCheck.check(lock, config, expert.key().value())) {
        stale.add(s.message());
      }
    }
    mismatches.addAll(stale);
    if (lock.image().isEmpty()) {
      mismatches.add("the lock names no image; run `perstack install`");
      return mismatches;
    }
    LockedImage image = lock.image().get();
    List<NpmPackage> packages = lock.packages().stream().map(LockedJobSpecs::asNpmPackage).toList();
    for (SkillsMismatch m :
        images.verifySkillsImage(image.id(), image.reference(), image.skillsDigest(), packages)) {
      // Each sentence already names its package.
      mismatches.add(m.what());
    }
    return mismatches;
  }
}

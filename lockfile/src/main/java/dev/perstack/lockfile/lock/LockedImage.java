package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.lock.internal.LockFormats;
import java.util.Objects;

/**
 * The sandbox image a lock pins: jobs start from exactly this image.
 *
 * @param reference the name and tag it was built under, for people to read
 * @param id the image ID, {@code sha256:<64 hex>}; the runtime starts this, not the reference
 * @param skillsDigest {@code sha256:<64 hex>} of the locked skill packages baked into the image
 */
public record LockedImage(String reference, String id, String skillsDigest) {
  public LockedImage {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(skillsDigest, "skillsDigest");
    LockFormats.require("image reference", LockFormats.whyBlank(reference));
    LockFormats.require("image id", LockFormats.whyNotSha256(id));
    LockFormats.require("image skillsDigest", LockFormats.whyNotSha256(skillsDigest));
  }
}

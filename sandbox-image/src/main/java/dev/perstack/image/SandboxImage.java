package dev.perstack.image;

import dev.perstack.image.internal.ImageNames;

/**
 * The sandbox image in the local engine: its tag, its image id ({@code sha256:...}, what a lock
 * records and what a runtime starts), the digest of its inputs (base image id and the agent's
 * files), the base it was built on, and whether this call built it.
 */
public record SandboxImage(
    String reference, String imageId, String inputDigest, String baseReference, boolean built) {
  public SandboxImage {
    ImageNames.requireReference(reference);
    ImageNames.requireImageId(imageId);
    ImageNames.requireDigest(inputDigest);
    ImageNames.requireReference(baseReference);
  }

  @Override
  public String toString() {
    return reference + " (" + imageId + (built ? ", built" : ", reused") + ")";
  }
}

package dev.perstack.image;

import dev.perstack.image.internal.ImageNames;

/**
 * A base image in the local engine: its tag, its image id ({@code sha256:...}), the digest of the
 * recipe it was made from and whether this call built it (false: it was already there).
 */
public record BaseImage(String reference, String imageId, String inputDigest, boolean built) {
  public BaseImage {
    ImageNames.requireReference(reference);
    ImageNames.requireImageId(imageId);
    ImageNames.requireDigest(inputDigest);
  }

  @Override
  public String toString() {
    return reference + " (" + imageId + (built ? ", built" : ", reused") + ")";
  }
}

package dev.perstack.image;

import dev.perstack.image.internal.ImageNames;

/**
 * The sandbox image with the skills layer in the local engine: its tag ({@code
 * perstack-sandbox-skills:<12 hex>}) and its image id ({@code sha256:...}, what a lock records).
 */
public record SkillsImage(String reference, String id) {
  public SkillsImage {
    ImageNames.requireReference(reference);
    ImageNames.requireImageId(id);
  }

  @Override
  public String toString() {
    return reference + " (" + id + ")";
  }
}

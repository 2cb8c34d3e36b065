package dev.perstack.image.internal;

/**
 * The labels that mark the images this module builds (images are dated 1970: find them by label).
 */
public final class Labels {
  /** What the image is: {@link #SANDBOX}, {@link #SANDBOX_BASE} or {@link #SANDBOX_SKILLS}. */
  public static final String IMAGE = "dev.perstack.image";

  /** The SHA-256 of the image's inputs. */
  public static final String INPUT_DIGEST = "dev.perstack.input-digest";

  /** The reference of the base a sandbox image was built on. */
  public static final String BASE = "dev.perstack.base";

  /** {@link #IMAGE} of the sandbox image. */
  public static final String SANDBOX = "sandbox";

  /** {@link #IMAGE} of the base image. */
  public static final String SANDBOX_BASE = "sandbox-base";

  /** {@link #IMAGE} of a sandbox image with a skills layer. */
  public static final String SANDBOX_SKILLS = "sandbox-skills";

  /** The npm packages of a skills image: {@code name@version}, separated by spaces. */
  public static final String SKILL_PACKAGES = "dev.perstack.skills.packages";

  /** The tree digest ({@code sha256:...}) of a skills image's layer. */
  public static final String SKILLS_TREE = "dev.perstack.skills.tree-digest";

  /** Marks the containers made only to read files out of an image (never started). */
  public static final String READER = "dev.perstack.image-reader";

  private Labels() {}
}

package dev.perstack.image.internal;

/**
 * The labels that mark the images this module builds (images are dated 1970: find them by label).
 */
public final class Labels {
  /** What the image is: {@link #SANDBOX} or {@link #SANDBOX_BASE}. */
  public static final String IMAGE = "dev.perstack.image";

  /** The SHA-256 of the image's inputs. */
  public static final String INPUT_DIGEST = "dev.perstack.input-digest";

  /** The reference of the base a sandbox image was built on. */
  public static final String BASE = "dev.perstack.base";

  /** {@link #IMAGE} of the sandbox image. */
  public static final String SANDBOX = "sandbox";

  /** {@link #IMAGE} of the base image. */
  public static final String SANDBOX_BASE = "sandbox-base";

  private Labels() {}
}

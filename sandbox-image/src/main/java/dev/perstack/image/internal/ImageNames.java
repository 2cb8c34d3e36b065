package dev.perstack.image.internal;

import java.util.regex.Pattern;

/** Checks for the names and ids of local images. */
public final class ImageNames {
  private static final Pattern REPOSITORY =
      Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern IMAGE_ID = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

  private ImageNames() {}

  /** Requires a local repository name without tag, e.g. {@code perstack-sandbox}. */
  public static String requireRepository(String repository) {
    if (repository == null
        || repository.length() > 200
        || !REPOSITORY.matcher(repository).matches()) {
      throw new IllegalArgumentException(
          "not a local image repository name (lower case, digits, '.', '_', '-', '/'): '"
              + repository
              + "'");
    }
    int slash = repository.indexOf('/');
    String first = slash < 0 ? "" : repository.substring(0, slash);
    if (first.contains(".") || first.equals("localhost")) {
      throw new IllegalArgumentException(
          "an image repository must not name a registry host: '" + repository + "'");
    }
    return repository;
  }

  /** Requires {@code repository:tag}. */
  public static String requireReference(String reference) {
    if (reference == null) {
      throw new IllegalArgumentException("an image reference is required");
    }
    int colon = reference.lastIndexOf(':');
    if (colon <= 0 || !TAG.matcher(reference.substring(colon + 1)).matches()) {
      throw new IllegalArgumentException(
          "not an image reference 'repository:tag': '" + reference + "'");
    }
    requireRepository(reference.substring(0, colon));
    return reference;
  }

  /** Requires {@code sha256:} and 64 hex digits. */
  public static String requireImageId(String imageId) {
    if (imageId == null || !IMAGE_ID.matcher(imageId).matches()) {
      throw new IllegalArgumentException("not an image id 'sha256:<64 hex>': '" + imageId + "'");
    }
    return imageId;
  }

  /** Requires 64 lower-case hex digits. */
  public static String requireDigest(String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest: '" + digest + "'");
    }
    return digest;
  }

  /** {@code repository:} and the first 12 digits of the digest. */
  public static String reference(String repository, String digest) {
    return requireRepository(repository) + ":" + requireDigest(digest).substring(0, 12);
  }
}

package dev.perstack.image;

import dev.perstack.image.internal.Digests;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What goes into the offline base image: a Debian suite, an {@code mmdebstrap} variant, the
 * packages on top and a recipe version (bumped whenever the way the base is made changes); its
 * {@link #inputDigest()} names the image.
 */
public record BaseImageRecipe(
    String suite, String variant, List<String> packages, String recipeVersion) {
  // Before DEFAULT: static fields initialise in order and DEFAULT's constructor needs them.
  private static final Pattern SUITE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
  private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{1,99}");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** The {@code mmdebstrap} variants that give a working system without extra setup. */
  public static final Set<String> VARIANTS = Set.of("essential", "apt", "required", "minbase");

  /**
   * Bookworm with a headless JRE 17 (the agent), Node.js and npm ({@code npx} skills) and CA
   * certificates.
   */
  public static final BaseImageRecipe DEFAULT =
      new BaseImageRecipe(
          "bookworm",
          "apt",
          List.of("openjdk-17-jre-headless", "nodejs", "npm", "ca-certificates"),
          "1");

  public BaseImageRecipe {
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(packages, "packages");
    Objects.requireNonNull(recipeVersion, "recipeVersion");
    if (!SUITE.matcher(suite).matches()) {
      throw new IllegalArgumentException("not a Debian suite name: '" + suite + "'");
    }
    if (!VARIANTS.contains(variant)) {
      throw new IllegalArgumentException(
          "unsupported mmdebstrap variant '"
              + variant
              + "'; use one of "
              + new TreeSet<>(VARIANTS));
    }
    if (packages.isEmpty()) {
      throw new IllegalArgumentException("a base image needs at least one package");
    }
    for (String p : packages) {
      if (p == null || !PACKAGE.matcher(p).matches()) {
        throw new IllegalArgumentException("not a Debian package name: '" + p + "'");
      }
    }
    if (new TreeSet<>(packages).size() != packages.size()) {
      throw new IllegalArgumentException("a package is listed twice: " + packages);
    }
    if (!VERSION.matcher(recipeVersion).matches()) {
      throw new IllegalArgumentException(
          "a recipe version is 1-64 letters, digits, '.', '_' or '-': '" + recipeVersion + "'");
    }
    packages = List.copyOf(packages);
  }

  /** This recipe with another version, e.g. to force a fresh build. */
  public BaseImageRecipe withRecipeVersion(String version) {
    return new BaseImageRecipe(suite, variant, packages, version);
  }

  /**
   * The SHA-256 of everything that decides the image's content (hex, 64 characters); the order of
   * the packages does not matter. The apt mirror is not part of it: it says where, not what.
   */
  public String inputDigest() {
    return Digests.sha256Hex(
        "perstack-sandbox-base\n"
            + "recipe="
            + recipeVersion
            + "\nsuite="
            + suite
            + "\nvariant="
            + variant
            + "\npackages="
            + String.join(",", new TreeSet<>(packages))
            + "\n");
  }
}

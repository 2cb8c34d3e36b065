package dev.perstack.image;

import java.util.Objects;

/**
 * Where the skills layer puts the npm packages in the image: an npm project at {@link #ROOT}
 * ({@code package.json}, {@code package-lock.json}, {@code node_modules}), root-owned and read-only
 * for the sandbox user. Skills start as {@code node <entry>}: the layer has no {@code .bin} links.
 */
public final class SkillsLayout {
  /** The directory of the npm project in the image. */
  public static final String ROOT = "/opt/perstack/skills";

  private SkillsLayout() {}

  /**
   * Absolute path of the package's bin inside the image: {@code ROOT/node_modules/<name>/<bin>}.
   */
  public static String entry(NpmPackage p) {
    Objects.requireNonNull(p, "p");
    return ROOT + "/node_modules/" + p.name() + "/" + p.bin();
  }
}

package dev.perstack.image;

import dev.perstack.image.internal.NpmNames;
import dev.perstack.image.internal.NpmSpec;
import dev.perstack.image.internal.SkillsTree;
import java.util.Objects;

/**
 * One npm package installed for the skills layer: its name, exact version, the registry's integrity
 * ({@code sha512-...}, from {@code package-lock.json}), the path of its executable inside the
 * package directory ({@code dist/index.js}: relative, without {@code ./}) and the digest of its
 * files as installed ({@code sha256:<64 hex>}, the tree digest of {@code node_modules/<name>}).
 */
public record NpmPackage(
    String name, String version, String integrity, String bin, String filesDigest) {
  public NpmPackage {
    NpmNames.requireName(name);
    Objects.requireNonNull(version, "version");
    if (version.isBlank() || !version.strip().equals(version) || version.contains("/")) {
      throw new IllegalArgumentException(
          "not an exact npm version of " + name + ": '" + version + "'");
    }
    NpmNames.requireIntegrity(integrity);
    String normalised = NpmNames.normaliseBin(bin);
    if (!normalised.equals(bin)) {
      throw new IllegalArgumentException(
          "the bin of " + name + " must be normalised ('" + normalised + "'): '" + bin + "'");
    }
    SkillsTree.requireDigest(filesDigest);
  }

  /** {@code name@version}, as npm writes it. */
  public String spec() {
    return name + "@" + version;
  }

  /**
   * The package name of a registry spec: {@code @scope/pkg@^1} gives {@code @scope/pkg}.
   *
   * @throws IllegalArgumentException when {@code spec} is not a registry spec (a URL, git, file or
   *     alias spec, or no package name), saying what is wrong
   */
  public static String nameOf(String spec) {
    return NpmSpec.parse(spec).name();
  }
}

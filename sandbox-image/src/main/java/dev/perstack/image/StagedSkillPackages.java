package dev.perstack.image;

import dev.perstack.image.internal.SkillsTree;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * npm packages installed in a host directory, ready to become the skills layer: the packages in the
 * order of their specs and the digest of the whole tree the layer carries ({@code package.json},
 * {@code package-lock.json} and {@code node_modules} without symlinks and {@code .bin}
 * directories).
 */
public record StagedSkillPackages(Path directory, List<NpmPackage> packages, String treeDigest) {
  public StagedSkillPackages {
    Objects.requireNonNull(directory, "directory");
    packages = List.copyOf(packages);
    HashSet<String> names = new HashSet<>();
    for (NpmPackage p : packages) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("the package " + p.name() + " is staged twice");
      }
    }
    SkillsTree.requireDigest(treeDigest);
    directory = directory.toAbsolutePath().normalize();
  }
}

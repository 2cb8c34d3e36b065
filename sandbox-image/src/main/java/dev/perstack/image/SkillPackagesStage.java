package dev.perstack.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.image.internal.NpmBin;
import dev.perstack.image.internal.NpmInstall;
import dev.perstack.image.internal.NpmNames;
import dev.perstack.image.internal.NpmSpec;
import dev.perstack.image.internal.SkillsTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Installs the npm packages of a job's skills into a host directory with the host's npm, ready to
 * become the skills layer ({@link ImageBuild#ensureSkillsImage}); no package's install script runs.
 */
public final class SkillPackagesStage {
  /** How long one {@code npm install} may take by default. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  // A fixed project name: npm writes it into package-lock.json, and the staging directory's name
  // must not change the tree digest.
  private static final String PROJECT = "{\"name\": \"perstack-skills\", \"private\": true}\n";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SkillPackagesStage() {}

  /**
   * Installs the npm package specs (e.g. {@code @modelcontextprotocol/server-filesystem@2026.8.31},
   * or {@code pkg} for the latest) into {@code directory} (created; it must be empty) with the
   * {@code npm} on PATH, lifecycle scripts disabled, no audit, no funding messages; resolves each
   * package's exact version, integrity and executable. Without specs npm does not run and the
   * directory holds only {@code package.json}. On failure the directory is left as npm left it.
   */
  public static StagedSkillPackages install(
      List<String> specs, Path directory, BuildListener listener) throws ImageBuildException {
    return install(specs, directory, "npm", DEFAULT_TIMEOUT, listener);
  }

  /** {@link #install(List, Path, BuildListener)} with another npm program and time limit. */
  public static StagedSkillPackages install(
      List<String> specs, Path directory, String npm, Duration timeout, BuildListener listener)
      throws ImageBuildException {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(npm, "npm");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(listener, "listener");
    List<NpmSpec> parsed = parse(specs);
    Path project = directory.toAbsolutePath().normalize();
    prepare(project);
    long start = System.nanoTime();
    listener.progress(
        BuildProgress.of(
            BuildStage.SKILL_PACKAGES,
            parsed.isEmpty()
                ? "no npm packages to install: " + project + " holds only package.json"
                : "installing " + parsed.size() + " npm packages into " + project + ": " + parsed,
            0));
    if (!parsed.isEmpty()) {
      NpmInstall.run(npm, project, parsed, timeout, listener);
    }
    try {
      List<SkillsTree.Entry> entries = SkillsTree.staged(project);
      List<NpmPackage> packages = new ArrayList<>();
      if (!parsed.isEmpty()) {
        JsonNode lock =
            JSON.readTree(project.resolve("package-lock.json").toFile()).path("packages");
        for (NpmSpec spec : parsed) {
          packages.add(resolve(project, spec, lock, entries));
        }
      }
      StagedSkillPackages staged =
          new StagedSkillPackages(project, packages, SkillsTree.digest(entries));
      listener.progress(
          BuildProgress.of(
              BuildStage.SKILL_PACKAGES,
              "installed "
                  + packages.stream().map(NpmPackage::spec).toList()
                  + " ("
                  + entries.size()
                  + " entries, "
                  + staged.treeDigest()
                  + ") in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms",
              100));
      return staged;
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read what npm installed: " + e.getMessage(),
          project.toString(),
          "check the directory's permissions and free disk space, then install again",
          e);
    }
  }

  private static List<NpmSpec> parse(List<String> specs) throws ImageBuildException {
    Objects.requireNonNull(specs, "specs");
    List<NpmSpec> parsed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String spec : specs) {
      NpmSpec s;
      try {
        s = NpmSpec.parse(spec);
      } catch (IllegalArgumentException e) {
        throw new ImageBuildException(
            e.getMessage(),
            spec,
            "write the skill's package as name or name@version, e.g."
                + " @modelcontextprotocol/server-filesystem@2026.8.31",
            e);
      }
      if (!names.add(s.name())) {
        throw new ImageBuildException(
            "the npm package " + s.name() + " is named twice",
            specs.toString(),
            "let one skill start the package, or give both the same version",
            null);
      }
      parsed.add(s);
    }
    return parsed;
  }

  private static void prepare(Path project) throws ImageBuildException {
    try {
      Files.createDirectories(project);
      try (Stream<Path> present = Files.list(project)) {
        if (present.findAny().isPresent()) {
          throw new ImageBuildException(
              "the directory for the skill packages is not empty",
              project.toString(),
              "pass a new or empty directory: whatever is in it would end up in the image",
              null);
        }
      }
      Files.writeString(project.resolve("package.json"), PROJECT);
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot prepare the directory for the skill packages: " + e.getMessage(),
          project.toString(),
          "make it writable or choose another directory",
          e);
    }
  }

  private static NpmPackage resolve(
      Path project, NpmSpec spec, JsonNode lock, List<SkillsTree.Entry> entries)
      throws IOException, ImageBuildException {
    String name = spec.name();
    String key = SkillsTree.NODE_MODULES + "/" + name;
    JsonNode locked = lock.path(key);
    String version = locked.path("version").asText("");
    String integrity = locked.path("integrity").asText("");
    if (locked.isMissingNode() || locked.path("link").asBoolean(false) || version.isEmpty()) {
      throw new ImageBuildException(
          "npm's package-lock.json has no installed package " + key + " for " + spec,
          project.resolve("package-lock.json").toString(),
          "install again into an empty directory; if it persists, report the npm version"
              + " ('npm --version')",
          null);
    }
    if (!NpmNames.isIntegrity(integrity)) {
      throw new ImageBuildException(
          "npm recorded no sha512 integrity for " + name + "@" + version + " ('" + integrity + "')",
          project.resolve("package-lock.json").toString(),
          "use a version of the package published with an integrity (npm view "
              + name
              + " dist.integrity)",
          null);
    }
    Path manifestFile = project.resolve(key).resolve("package.json");
    JsonNode manifest = JSON.readTree(manifestFile.toFile());
    String installed = manifest.path("version").asText("");
    if (!installed.equals(version) || !manifest.path("name").asText("").equals(name)) {
      throw new ImageBuildException(
          "node_modules/"
              + name
              + " holds "
              + manifest.path("name").asText("?")
              + "@"
              + installed
              + ", package-lock.json says "
              + name
              + "@"
              + version,
          manifestFile.toString(),
          "install again into an empty directory",
          null);
    }
    String bin = NpmBin.resolve(name, manifest, manifestFile.toString());
    Path binFile = project.resolve(key).resolve(bin);
    if (!Files.isRegularFile(binFile, LinkOption.NOFOLLOW_LINKS)) {
      throw new ImageBuildException(
          "the executable " + bin + " of " + name + "@" + version + " is not in the package",
          binFile.toString(),
          "use another version of the package",
          null);
    }
    String files = SkillsTree.digest(SkillsTree.below(entries, key));
    return new NpmPackage(name, version, integrity, bin, files);
  }
}

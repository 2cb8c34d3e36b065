package dev.perstack.image;

import dev.perstack.image.internal.ImageNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how images are built: the local repository names of the base and the sandbox image, the
 * recipe of the base, the apt sources file that names the Debian mirror, jib's cache, the docker
 * and mmdebstrap programs, and how long the base build may take.
 */
public record ImageBuildSettings(
    String baseRepository,
    String repository,
    BaseImageRecipe recipe,
    Path aptSources,
    Path jibCache,
    String dockerExecutable,
    String mmdebstrapExecutable,
    Duration baseBuildTimeout) {

  /** The host's Debian sources (deb822); the only sources file on the project's machines. */
  public static final Path DEBIAN_SOURCES = Path.of("/etc/apt/sources.list.d/debian.sources");

  public ImageBuildSettings {
    ImageNames.requireRepository(baseRepository);
    ImageNames.requireRepository(repository);
    if (baseRepository.equals(repository)) {
      throw new IllegalArgumentException("the base and the sandbox image need different names");
    }
    if (baseRepository.equals(repository + "-skills")) {
      throw new IllegalArgumentException("the base image's name is the skills images' name");
    }
    Objects.requireNonNull(recipe, "recipe");
    Objects.requireNonNull(aptSources, "aptSources");
    Objects.requireNonNull(jibCache, "jibCache");
    requireProgram(dockerExecutable, "dockerExecutable");
    requireProgram(mmdebstrapExecutable, "mmdebstrapExecutable");
    Objects.requireNonNull(baseBuildTimeout, "baseBuildTimeout");
    if (baseBuildTimeout.isNegative() || baseBuildTimeout.isZero()) {
      throw new IllegalArgumentException("the base build timeout must be positive");
    }
  }

  /**
   * {@code perstack-sandbox-base} and {@code perstack-sandbox}, the default recipe, the host's
   * {@code debian.sources} ({@code sources.list} when it is missing), jib's cache in {@code
   * ~/.cache/perstack/jib}, the programs from {@code PATH} and 30 minutes for the base.
   */
  public static ImageBuildSettings defaults() {
    Path sources =
        DEBIAN_SOURCES.toFile().exists() ? DEBIAN_SOURCES : Path.of("/etc/apt/sources.list");
    return new ImageBuildSettings(
        "perstack-sandbox-base",
        "perstack-sandbox",
        BaseImageRecipe.DEFAULT,
        sources,
        Path.of(System.getProperty("user.home"), ".cache", "perstack", "jib"),
        "docker",
        "mmdebstrap",
        Duration.ofMinutes(30));
  }

  /**
   * The repository of the sandbox images with a skills layer: {@code <repository>-skills}, e.g.
   * {@code perstack-sandbox-skills}.
   */
  public String skillsRepository() {
    return repository + "-skills";
  }

  /** These settings with other repository names (tests use their own). */
  public ImageBuildSettings withRepositories(String base, String sandbox) {
    return new ImageBuildSettings(
        base,
        sandbox,
        recipe,
        aptSources,
        jibCache,
        dockerExecutable,
        mmdebstrapExecutable,
        baseBuildTimeout);
  }

  /** These settings with another base recipe. */
  public ImageBuildSettings withRecipe(BaseImageRecipe other) {
    return new ImageBuildSettings(
        baseRepository,
        repository,
        other,
        aptSources,
        jibCache,
        dockerExecutable,
        mmdebstrapExecutable,
        baseBuildTimeout);
  }

  /** These settings with another apt sources file. */
  public ImageBuildSettings withAptSources(Path file) {
    return new ImageBuildSettings(
        baseRepository,
        repository,
        recipe,
        file,
        jibCache,
        dockerExecutable,
        mmdebstrapExecutable,
        baseBuildTimeout);
  }

  /** These settings with another jib cache directory. */
  public ImageBuildSettings withJibCache(Path directory) {
    return new ImageBuildSettings(
        baseRepository,
        repository,
        recipe,
        aptSources,
        directory,
        dockerExecutable,
        mmdebstrapExecutable,
        baseBuildTimeout);
  }

  /** These settings with other docker and mmdebstrap programs. */
  public ImageBuildSettings withPrograms(String docker, String mmdebstrap) {
    return new ImageBuildSettings(
        baseRepository,
        repository,
        recipe,
        aptSources,
        jibCache,
        docker,
        mmdebstrap,
        baseBuildTimeout);
  }

  private static void requireProgram(String program, String name) {
    if (program == null || program.isBlank() || program.startsWith("-")) {
      throw new IllegalArgumentException(name + " must name a program: '" + program + "'");
    }
  }
}

package dev.perstack.image;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.image.internal.BuildLock;
import dev.perstack.image.internal.Engine;
import dev.perstack.image.internal.Labels;
import dev.perstack.image.internal.LocalImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Entry point of the sandbox image build, for {@code perstack image build} and for a runtime's
 * first use: {@link #ensureSandboxImage} builds the base and the agent image only when the engine
 * lacks them, and reports progress to a {@link BuildListener}; {@link #ensureSkillsImage} and
 * {@link #verifySkillsImage} add and check the layer of a lock's npm skill packages.
 */
public final class ImageBuild implements AutoCloseable {
  /** The share of the whole build that the base image takes when it must be built. */
  private static final int BASE_SHARE = 70;

  private final Engine engine;
  private final ImageBuildSettings settings;
  private final BaseImageBuilder baseImages;
  private final SandboxImageBuilder sandboxImages;
  private final SkillsImageBuilder skillsImages;

  private ImageBuild(Engine engine, ImageBuildSettings settings) {
    this.engine = engine;
    this.settings = settings;
    this.baseImages = new BaseImageBuilder(engine, settings);
    this.sandboxImages = new SandboxImageBuilder(engine, settings);
    this.skillsImages = new SkillsImageBuilder(engine, settings);
  }

  /** Builds in the engine named by {@code DOCKER_HOST} (default: the local socket). */
  public static ImageBuild connect(ImageBuildSettings settings) {
    return new ImageBuild(Engine.connect(), Objects.requireNonNull(settings, "settings"));
  }

  /** Builds with {@link ImageBuildSettings#defaults()}. */
  public static ImageBuild connect() {
    return connect(ImageBuildSettings.defaults());
  }

  /**
   * Builds through a docker-java client owned by the caller (closing this leaves it open); the
   * docker CLI that jib-core and {@code docker import} run must reach the same engine.
   */
  public static ImageBuild using(DockerClient client, ImageBuildSettings settings) {
    return new ImageBuild(Engine.using(client), Objects.requireNonNull(settings, "settings"));
  }

  /** The settings in use. */
  public ImageBuildSettings settings() {
    return settings;
  }

  /** Builds base images. */
  public BaseImageBuilder baseImages() {
    return baseImages;
  }

  /** Builds sandbox images. */
  public SandboxImageBuilder sandboxImages() {
    return sandboxImages;
  }

  /**
   * The sandbox image of the real agent ({@link AgentClasspath#ofThisBuild()}) on the base of the
   * settings' recipe, building what is missing.
   */
  public SandboxImage ensureSandboxImage(BuildListener listener)
      throws ImageBuildException, InterruptedException {
    return ensureSandboxImage(AgentClasspath.ofThisBuild(), listener);
  }

  /**
   * The sandbox image of {@code classpath} on the base of the settings' recipe; another build with
   * the same jib cache (a thread or a process) waits for this one and then finds its images.
   */
  public SandboxImage ensureSandboxImage(AgentClasspath classpath, BuildListener listener)
      throws ImageBuildException, InterruptedException {
    Objects.requireNonNull(classpath, "classpath");
    Objects.requireNonNull(listener, "listener");
    EngineCalls.call(
        engine,
        () -> {
          engine.ping();
          return null;
        });
    BuildLock lock = BuildLock.acquire(settings.jibCache());
    try {
      BaseImageRecipe recipe = settings.recipe();
      listener.progress(
          BuildProgress.of(BuildStage.CHECK, "looking for " + baseImages.referenceFor(recipe), 0));
      Optional<BaseImage> existing = baseImages.find(recipe);
      BaseImage base;
      if (existing.isPresent()) {
        base = existing.get();
        listener.progress(
            BuildProgress.of(BuildStage.CHECK, "base image " + base + " is there", 5));
      } else {
        base = baseImages.build(recipe, scaled(listener, 0, BASE_SHARE, BuildStage.DONE));
      }
      int from = base.built() ? BASE_SHARE : 5;
      return sandboxImages.ensure(base, classpath, scaled(listener, from, 100, null));
    } finally {
      lock.close();
    }
  }

  /**
   * The sandbox image {@code base} with the staged skill packages as one more layer at {@link
   * SkillsLayout#ROOT} (root-owned; directories and files executable on the host 0755, other files
   * 0644; dated 1970; labelled with the packages), tagged {@code <skills repository>:<12 hex>}.
   * Reuses an image whose input digest (the base's id and the staged tree digest) matches; the
   * staged directory is digested again before a build, so a changed one is refused.
   */
  public SkillsImage ensureSkillsImage(
      SandboxImage base, StagedSkillPackages staged, BuildListener listener)
      throws ImageBuildException {
    EngineCalls.call(
        engine,
        () -> {
          engine.ping();
          return null;
        });
    return skillsImages.ensure(base, staged, listener);
  }

  /**
   * Checks a skills image against its lock without running anything in it: {@code reference} must
   * name the image {@code imageId}, and the files at {@link SkillsLayout#ROOT}, read out of it,
   * must give each package's version and files digest and the whole tree digest. Returns every
   * difference; empty when the image is what the lock says.
   *
   * @throws IllegalArgumentException when an id, reference or digest is malformed
   */
  public List<SkillsMismatch> verifySkillsImage(
      String imageId, String reference, String treeDigest, List<NpmPackage> expected)
      throws ImageBuildException {
    return new SkillsImageCheck(engine).verify(imageId, reference, treeDigest, expected);
  }

  /**
   * Removes the sandbox images of this build's repository (found by label: images are dated 1970,
   * so age cannot tell) other than {@code keep}, except those a container still uses; returns how
   * many were removed. Images that carry a tag of another repository are left alone.
   */
  public int removeSandboxImagesExcept(SandboxImage keep) throws ImageBuildException {
    List<LocalImage> images =
        EngineCalls.call(engine, () -> engine.withLabels(Map.of(Labels.IMAGE, Labels.SANDBOX)));
    String ours = settings.repository() + ":";
    int removed = 0;
    for (LocalImage image : images) {
      boolean onlyOurs =
          !image.tags().isEmpty() && image.tags().stream().allMatch(t -> t.startsWith(ours));
      if (onlyOurs
          && !image.id().equals(keep.imageId())
          && EngineCalls.call(engine, () -> engine.remove(image.id()))) {
        removed++;
      }
    }
    return removed;
  }

  @Override
  public void close() throws IOException {
    engine.close();
  }

  /**
   * Maps a builder's 0-100 onto {@code from..to} of the whole build; a {@code swallow} stage is
   * reported as {@link BuildStage#CHECK} (the base's "done" is not the end of the build).
   */
  private static BuildListener scaled(
      BuildListener listener, int from, int to, BuildStage swallow) {
    return p -> {
      OptionalInt percent =
          p.percent().isPresent()
              ? OptionalInt.of(from + (to - from) * p.percent().getAsInt() / 100)
              : OptionalInt.empty();
      BuildStage stage = p.stage() == swallow ? BuildStage.CHECK : p.stage();
      listener.progress(new BuildProgress(stage, p.message(), percent));
    };
  }
}

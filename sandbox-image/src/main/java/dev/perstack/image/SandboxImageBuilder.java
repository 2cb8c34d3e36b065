package dev.perstack.image;

import dev.perstack.image.internal.AgentLayout;
import dev.perstack.image.internal.Engine;
import dev.perstack.image.internal.ImageNames;
import dev.perstack.image.internal.JibBuild;
import dev.perstack.image.internal.Labels;
import dev.perstack.image.internal.LocalImage;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts the agent on a base image with jib-core: its third-party jars and its own classes as two
 * layers, fixed timestamps, user 10001, {@code HOME=/tmp}, working directory {@code /workspace},
 * the agent as entrypoint; loads the image into the local engine as {@code <repository>:<first 12
 * digits of the input digest>}. Get one from {@link ImageBuild#sandboxImages()}.
 */
public final class SandboxImageBuilder {
  private final Engine engine;
  private final ImageBuildSettings settings;

  SandboxImageBuilder(Engine engine, ImageBuildSettings settings) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * The digest of the image's inputs: the base image's id and every file of the classpath (read
   * now), the entrypoint and environment.
   */
  public String inputDigest(BaseImage base, AgentClasspath classpath) throws ImageBuildException {
    return AgentLayout.of(classpath).inputDigest(base.imageId());
  }

  /** The sandbox image built from these inputs, if the engine has one (found by label). */
  public Optional<SandboxImage> find(BaseImage base, AgentClasspath classpath)
      throws ImageBuildException {
    return find(base, inputDigest(base, classpath));
  }

  /** The sandbox image for these inputs: one the engine has, or a new one. */
  public SandboxImage ensure(BaseImage base, AgentClasspath classpath, BuildListener listener)
      throws ImageBuildException, InterruptedException {
    AgentLayout layout = AgentLayout.of(classpath);
    String digest = layout.inputDigest(base.imageId());
    listener.progress(
        BuildProgress.of(BuildStage.CHECK, "looking for a sandbox image with inputs " + digest, 0));
    Optional<SandboxImage> existing = find(base, digest);
    if (existing.isPresent()) {
      listener.progress(
          BuildProgress.of(BuildStage.DONE, "sandbox image " + existing.get() + " is there", 100));
      return existing.get();
    }
    return build(base, layout, digest, listener);
  }

  /** Builds the sandbox image even if one exists (tests use it to check reproducibility). */
  public SandboxImage build(BaseImage base, AgentClasspath classpath, BuildListener listener)
      throws ImageBuildException, InterruptedException {
    AgentLayout layout = AgentLayout.of(classpath);
    return build(base, layout, layout.inputDigest(base.imageId()), listener);
  }

  private SandboxImage build(
      BaseImage base, AgentLayout layout, String digest, BuildListener listener)
      throws ImageBuildException, InterruptedException {
    String reference = ImageNames.reference(settings.repository(), digest);
    List<Integer> counts = layout.entryCounts();
    listener.progress(
        BuildProgress.of(
            BuildStage.AGENT_LAYERS,
            "building "
                + reference
                + " on "
                + base.reference()
                + " ("
                + counts.get(0)
                + " dependency jars, "
                + counts.get(1)
                + " agent entries)",
            1));
    String imageId =
        JibBuild.run(
            base.reference(),
            reference,
            layout,
            AgentLayout.labels(digest, base.reference()),
            settings.jibCache(),
            settings.dockerExecutable(),
            listener);
    EngineCalls.confirmBuilt(engine, reference, imageId, "sandbox");
    listener.progress(
        BuildProgress.of(BuildStage.DONE, "sandbox image " + reference + " is " + imageId, 100));
    return new SandboxImage(reference, imageId, digest, base.reference(), true);
  }

  private Optional<SandboxImage> find(BaseImage base, String digest) throws ImageBuildException {
    String reference = ImageNames.reference(settings.repository(), digest);
    List<LocalImage> images =
        EngineCalls.call(
            engine,
            () ->
                engine.withLabels(
                    Map.of(Labels.IMAGE, Labels.SANDBOX, Labels.INPUT_DIGEST, digest)));
    if (images.isEmpty()) {
      return Optional.empty();
    }
    LocalImage image = images.get(0);
    if (!image.tags().contains(reference)) {
      EngineCalls.call(
          engine,
          () -> {
            engine.tag(image.id(), reference);
            return null;
          });
    }
    return Optional.of(new SandboxImage(reference, image.id(), digest, base.reference(), false));
  }
}

package dev.perstack.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import dev.perstack.image.internal.BuildLock;
import dev.perstack.image.internal.Digests;
import dev.perstack.image.internal.Engine;
import dev.perstack.image.internal.ImageNames;
import dev.perstack.image.internal.JibBuild;
import dev.perstack.image.internal.Labels;
import dev.perstack.image.internal.LocalImage;
import dev.perstack.image.internal.SkillsTree;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Puts staged skill packages on a sandbox image as one layer at {@link SkillsLayout#ROOT} with
 * jib-core, tagged {@code <skills repository>:<first 12 digits of the input digest>}; the input
 * digest (sandbox image id and tree digest) is a label, so equal inputs reuse the image.
 */
final class SkillsImageBuilder {
  private static final String LAYOUT_VERSION = "1";

  private final Engine engine;
  private final ImageBuildSettings settings;

  SkillsImageBuilder(Engine engine, ImageBuildSettings settings) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The SHA-256 hex of what decides the image: the sandbox image's id, the layout, the tree. */
  static String inputDigest(String baseImageId, String treeDigest) {
    return Digests.sha256Hex(
        "perstack-skills-image/"
            + LAYOUT_VERSION
            + "\nbase="
            + baseImageId
            + "\nroot="
            + SkillsLayout.ROOT
            + "\nowner=0:0 dirs=755 files=644/755\ntree="
            + treeDigest
            + "\n");
  }

  SkillsImage ensure(SandboxImage base, StagedSkillPackages staged, BuildListener listener)
      throws ImageBuildException {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(staged, "staged");
    Objects.requireNonNull(listener, "listener");
    String digest = inputDigest(base.imageId(), staged.treeDigest());
    String reference = ImageNames.reference(settings.skillsRepository(), digest);
    listener.progress(
        BuildProgress.of(BuildStage.CHECK, "looking for a skills image with inputs " + digest, 0));
    Optional<SkillsImage> existing = find(base, digest, reference);
    if (existing.isPresent()) {
      listener.progress(
          BuildProgress.of(BuildStage.DONE, "skills image " + existing.get() + " is there", 100));
      return existing.get();
    }
    BuildLock lock;
    try {
      lock = BuildLock.acquire(settings.jibCache());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(reference, e);
    }
    try {
      // Another build may have made it while this one waited for the lock.
      existing = find(base, digest, reference);
      if (existing.isPresent()) {
        return existing.get();
      }
      return build(base, staged, digest, reference, listener);
    } finally {
      lock.close();
    }
  }

  private SkillsImage build(
      SandboxImage base,
      StagedSkillPackages staged,
      String digest,
      String reference,
      BuildListener listener)
      throws ImageBuildException {
    requireBase(base);
    List<SkillsTree.Entry> entries;
    try {
      entries = SkillsTree.staged(staged.directory());
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read the staged skill packages: " + e.getMessage(),
          staged.directory().toString(),
          "install them again (SkillPackagesStage.install) into an empty directory",
          e);
    }
    String tree = SkillsTree.digest(entries);
    if (!tree.equals(staged.treeDigest())) {
      throw new ImageBuildException(
          "the staged skill packages changed since they were installed ("
              + tree
              + ", installed as "
              + staged.treeDigest()
              + ")",
          staged.directory().toString(),
          "install them again (SkillPackagesStage.install) into an empty directory",
          null);
    }
    FileEntriesLayer layer = SkillsTree.layer(staged.directory(), entries, SkillsLayout.ROOT);
    listener.progress(
        BuildProgress.of(
            BuildStage.SKILL_LAYER,
            "building "
                + reference
                + " on "
                + base.reference()
                + " ("
                + entries.size()
                + " entries at "
                + SkillsLayout.ROOT
                + ")",
            1));
    String imageId;
    try {
      imageId =
          JibBuild.runWithLayer(
              base.reference(),
              reference,
              layer,
              labels(digest, base, staged),
              settings.jibCache(),
              settings.dockerExecutable(),
              listener);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(reference, e);
    }
    EngineCalls.confirmBuilt(engine, reference, imageId, "skills");
    listener.progress(
        BuildProgress.of(BuildStage.DONE, "skills image " + reference + " is " + imageId, 100));
    return new SkillsImage(reference, imageId);
  }

  /** jib reads the base by its tag: the tag must still name the image the caller has. */
  private void requireBase(SandboxImage base) throws ImageBuildException {
    Optional<LocalImage> tagged = EngineCalls.call(engine, () -> engine.inspect(base.reference()));
    if (tagged.isEmpty() || !tagged.get().id().equals(base.imageId())) {
      throw new ImageBuildException(
          "the sandbox image "
              + base.reference()
              + (tagged.isEmpty() ? " is gone" : " is " + tagged.get().id() + " now")
              + ", not "
              + base.imageId(),
          base.reference(),
          "ensure the sandbox image again (ImageBuild.ensureSandboxImage) and build the skills"
              + " image on what it returns",
          null);
    }
  }

  private static Map<String, String> labels(
      String digest, SandboxImage base, StagedSkillPackages staged) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.IMAGE, Labels.SANDBOX_SKILLS);
    labels.put(Labels.INPUT_DIGEST, digest);
    labels.put(Labels.BASE, base.reference());
    labels.put(Labels.SKILLS_TREE, staged.treeDigest());
    labels.put(
        Labels.SKILL_PACKAGES,
        staged.packages().stream().map(NpmPackage::spec).collect(Collectors.joining(" ")));
    return labels;
  }

  /**
   * An image with these inputs' labels that is the base plus exactly one layer: an image committed
   * from a container of it keeps its labels but has one more layer, and is not taken for it.
   */
  private Optional<SkillsImage> find(SandboxImage base, String digest, String reference)
      throws ImageBuildException {
    List<LocalImage> images =
        EngineCalls.call(
            engine,
            () ->
                engine.withLabels(
                    Map.of(Labels.IMAGE, Labels.SANDBOX_SKILLS, Labels.INPUT_DIGEST, digest)));
    if (images.isEmpty()) {
      return Optional.empty();
    }
    List<String> baseLayers =
        EngineCalls.call(engine, () -> engine.layers(base.imageId())).orElse(null);
    if (baseLayers == null) {
      return Optional.empty();
    }
    for (LocalImage image : images) {
      List<String> layers = EngineCalls.call(engine, () -> engine.layers(image.id())).orElse(null);
      if (layers != null
          && layers.size() == baseLayers.size() + 1
          && layers.subList(0, baseLayers.size()).equals(baseLayers)) {
        if (!image.tags().contains(reference)) {
          EngineCalls.call(
              engine,
              () -> {
                engine.tag(image.id(), reference);
                return null;
              });
        }
        return Optional.of(new SkillsImage(reference, image.id()));
      }
    }
    return Optional.empty();
  }

  private static ImageBuildException interrupted(String reference, InterruptedException e) {
    return new ImageBuildException(
        "the build of the skills image was interrupted", reference, "build again", e);
  }
}

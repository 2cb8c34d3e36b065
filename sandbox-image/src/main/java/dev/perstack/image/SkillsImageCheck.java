package dev.perstack.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.image.internal.Engine;
import dev.perstack.image.internal.ImageNames;
import dev.perstack.image.internal.LocalImage;
import dev.perstack.image.internal.SkillsArchive;
import dev.perstack.image.internal.SkillsTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a skills image against its lock without running it: the image behind the reference, then
 * the files at {@link SkillsLayout#ROOT} read out of it, digested as on the host.
 */
final class SkillsImageCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOP =
      SkillsLayout.ROOT.substring(SkillsLayout.ROOT.lastIndexOf('/') + 1);

  private final Engine engine;

  SkillsImageCheck(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  List<SkillsMismatch> verify(
      String imageId, String reference, String treeDigest, List<NpmPackage> expected)
      throws ImageBuildException {
    ImageNames.requireImageId(imageId);
    ImageNames.requireReference(reference);
    SkillsTree.requireDigest(treeDigest);
    List<NpmPackage> packages = List.copyOf(expected);
    List<SkillsMismatch> mismatches = new ArrayList<>();
    Optional<LocalImage> tagged = EngineCalls.call(engine, () -> engine.inspect(reference));
    String source;
    if (tagged.isPresent()) {
      source = tagged.get().id();
      if (!source.equals(imageId)) {
        mismatches.add(
            SkillsMismatch.ofImage(
                "image " + reference + " is " + source + ", the lock says " + imageId));
      }
    } else if (EngineCalls.call(engine, () -> engine.inspect(imageId)).isPresent()) {
      source = imageId;
      mismatches.add(
          SkillsMismatch.ofImage(
              "image " + reference + " is gone, though the engine still has " + imageId));
    } else {
      return List.of(SkillsMismatch.ofImage("image " + reference + " is gone"));
    }
    Map<String, String> manifests = new LinkedHashMap<>();
    for (NpmPackage p : packages) {
      manifests.put(p.name(), SkillsTree.NODE_MODULES + "/" + p.name() + "/package.json");
    }
    Optional<SkillsArchive> archive = read(source, manifests);
    if (archive.isEmpty()) {
      mismatches.add(SkillsMismatch.ofImage("image " + reference + " has no " + SkillsLayout.ROOT));
      return List.copyOf(mismatches);
    }
    List<SkillsTree.Entry> entries = archive.get().entries();
    for (NpmPackage p : packages) {
      comparePackage(p, archive.get(), manifests.get(p.name()), mismatches);
    }
    String tree = SkillsTree.digest(entries);
    if (!tree.equals(treeDigest)) {
      mismatches.add(
          SkillsMismatch.ofImage(
              "the files at "
                  + SkillsLayout.ROOT
                  + " differ from the lock: "
                  + tree
                  + " in the image, the lock says "
                  + treeDigest));
    }
    return List.copyOf(mismatches);
  }

  private static void comparePackage(
      NpmPackage p, SkillsArchive archive, String manifestPath, List<SkillsMismatch> mismatches) {
    byte[] manifest = archive.contents().get(manifestPath);
    if (manifest == null) {
      mismatches.add(
          SkillsMismatch.ofPackage(p.name(), "package " + p.name() + " is missing from the image"));
      return;
    }
    String version = versionOf(manifest);
    if (!version.equals(p.version())) {
      mismatches.add(
          SkillsMismatch.ofPackage(
              p.name(),
              p.name() + " is " + version + " in the image, the lock says " + p.version()));
    }
    String files =
        SkillsTree.digest(
            SkillsTree.below(archive.entries(), SkillsTree.NODE_MODULES + "/" + p.name()));
    if (!files.equals(p.filesDigest())) {
      mismatches.add(
          SkillsMismatch.ofPackage(
              p.name(),
              "the files of "
                  + p.name()
                  + " differ from the lock: "
                  + files
                  + " in the image, the lock says "
                  + p.filesDigest()));
    }
  }

  private static String versionOf(byte[] manifest) {
    try {
      JsonNode version = JSON.readTree(manifest).path("version");
      return version.isTextual() ? version.asText() : "unversioned";
    } catch (IOException e) {
      return "unreadable (its package.json is not JSON)";
    }
  }

  private Optional<SkillsArchive> read(String image, Map<String, String> manifests)
      throws ImageBuildException {
    try {
      return engine.readFromImage(
          image,
          SkillsLayout.ROOT,
          tar -> SkillsArchive.read(tar, TOP, Set.copyOf(manifests.values())));
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read " + SkillsLayout.ROOT + " out of the image: " + e.getMessage(),
          image,
          "check 'docker info' and free disk space, then verify again",
          e);
    } catch (RuntimeException e) {
      throw EngineCalls.failure(engine, e);
    }
  }
}

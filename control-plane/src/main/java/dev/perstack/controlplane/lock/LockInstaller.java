package dev.perstack.controlplane.lock;

import dev.perstack.controlplane.orchestration.JobEnvironment;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.ScratchDirectory;
import dev.perstack.image.BuildListener;
import dev.perstack.image.ImageBuild;
import dev.perstack.image.ImageBuildException;
import dev.perstack.image.NpmPackage;
import dev.perstack.image.SandboxImage;
import dev.perstack.image.SkillPackagesStage;
import dev.perstack.image.SkillsImage;
import dev.perstack.image.StagedSkillPackages;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.lock.ExpertDefinitions;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedImage;
import dev.perstack.lockfile.lock.LockedPackage;
import dev.perstack.lockfile.lock.LockedProvider;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.protocol.listing.ToolListing;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code perstack install}: pins every npm skill package (exact version, registry integrity),
 * installs them into a layer on top of the sandbox image, starts every stdio skill once in that
 * image without network to capture its tools, and writes {@code perstack.lock} beside the
 * configuration. Nothing is written unless every step succeeded.
 */
public final class LockInstaller {
  private final ImageBuild images;
  private final ToolLister tools;
  private final Consumer<String> progress;
  private final Clock clock;
  private final String runtimeVersion;
  private final Duration listingTimeout;

  /**
   * @param progress gets one line per step (the CLI prints them on stderr)
   * @param runtimeVersion this build's version, recorded in the lock
   */
  public LockInstaller(
      ImageBuild images,
      ToolLister tools,
      Consumer<String> progress,
      Clock clock,
      String runtimeVersion,
      Duration listingTimeout) {
    this.images = images;
    this.tools = tools;
    this.progress = progress;
    this.clock = clock;
    this.runtimeVersion = runtimeVersion;
    this.listingTimeout = listingTimeout;
  }

  /** Starts skills once in a sandbox of an image and lists their tools. */
  @FunctionalInterface
  public interface ToolLister {
    ToolListing list(String image, ToolListingRequest request, Duration timeout)
        throws SandboxException;
  }

  /** What was written. */
  public record Installed(Path lockFile, PerstackLock lock, List<String> notes) {}

  /**
   * @param config the loaded configuration of {@code configFile}
   * @param processEnvironment the variables of this process (envPath files are merged over them)
   */
  public Installed install(
      Path configFile, PerstackConfig config, Map<String, String> processEnvironment)
      throws InstallException, InterruptedException {
    Path configDir = configFile.toAbsolutePath().getParent();
    SkillPins pins = SkillPins.of(config);
    pins.unpinned().forEach(n -> progress.accept("note: " + n));
    BuildListener listener = p -> progress.accept(p.format());
    try (ScratchDirectory stage = ScratchDirectory.create("perstack-skills-stage")) {
      progress.accept("checking the sandbox image");
      SandboxImage base = images.ensureSandboxImage(listener);
      progress.accept(
          pins.specs().isEmpty()
              ? "no npm skill packages to pin"
              : "installing " + pins.specs().size() + " npm package(s): " + pins.specs());
      StagedSkillPackages staged = SkillPackagesStage.install(pins.specs(), stage.path(), listener);
      Map<String, NpmPackage> packages = new LinkedHashMap<>();
      for (NpmPackage p : staged.packages()) {
        packages.put(p.name(), p);
        progress.accept("pinned " + p.name() + "@" + p.version() + " " + p.integrity());
      }
      SkillsImage skillsImage = images.ensureSkillsImage(base, staged, listener);
      progress.accept("skills image " + skillsImage.reference() + " " + skillsImage.id());
      Map<String, String> environment =
          JobEnvironment.load(configDir, config.envPath(), processEnvironment);
      ToolCapture capture = ToolCapture.plan(config, pins, packages, environment);
      capture.notCaptured().forEach(n -> progress.accept("note: " + n));
      ToolListing listing = new ToolListing(List.of());
      if (capture.request().isPresent()) {
        progress.accept(
            "starting "
                + capture.request().get().skills().size()
                + " skill(s) once in the skills image (no network) to capture their tools");
        listing = tools.list(skillsImage.id(), capture.request().get(), listingTimeout);
      }
      PerstackLock lock = lock(configFile, config, pins, staged, skillsImage, capture, listing);
      Path lockFile = LockFiles.besideConfig(configFile.toAbsolutePath());
      LockFiles.write(lockFile, lock);
      progress.accept(
          "wrote "
              + lockFile
              + " ("
              + lock.experts().size()
              + " experts, "
              + lock.packages().size()
              + " packages, "
              + listing.tools().size()
              + " tools)");
      List<String> notes = new ArrayList<>(pins.unpinned());
      notes.addAll(capture.notCaptured());
      return new Installed(lockFile, lock, notes);
    } catch (ImageBuildException e) {
      throw new InstallException(e.getMessage(), e);
    } catch (SandboxException e) {
      throw new InstallException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InstallException(
          "cannot stage the packages or write perstack.lock beside "
              + configFile
              + " ("
              + e
              + "); check permissions and free space",
          e);
    }
  }

  private PerstackLock lock(
      Path configFile,
      PerstackConfig config,
      SkillPins pins,
      StagedSkillPackages staged,
      SkillsImage image,
      ToolCapture capture,
      ToolListing listing) {
    Map<String, LockedExpert> experts = new TreeMap<>();
    for (ExpertDefinition expert : config.experts().values()) {
      String key = expert.key().value();
      experts.put(
          key,
          new LockedExpert(
              key,
              ExpertDefinitions.digest(expert),
              ExpertDefinitions.canonical(expert),
              new TreeMap<>(pins.bySkill().getOrDefault(key, Map.of())),
              capture.toolsOf(expert, listing)));
    }
    List<LockedPackage> packages =
        staged.packages().stream()
            .map(
                p ->
                    new LockedPackage(
                        p.name(), p.version(), p.integrity(), p.bin(), p.filesDigest()))
            .sorted(Comparator.comparing(LockedPackage::name))
            .toList();
    return new PerstackLock(
        PerstackLock.CURRENT_VERSION,
        clock.instant(),
        configFile.getFileName().toString(),
        Optional.of(runtimeVersion),
        Optional.of(
            new LockedProvider(config.provider().name().word(), Optional.of(config.model()))),
        Optional.of(new LockedImage(image.reference(), image.id(), staged.treeDigest())),
        packages,
        experts);
  }
}

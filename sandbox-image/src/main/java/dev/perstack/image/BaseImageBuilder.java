package dev.perstack.image;

import dev.perstack.image.internal.AptSources;
import dev.perstack.image.internal.CommandPipeline;
import dev.perstack.image.internal.Engine;
import dev.perstack.image.internal.ImageNames;
import dev.perstack.image.internal.Labels;
import dev.perstack.image.internal.LocalImage;
import dev.perstack.image.internal.Mmdebstrap;
import dev.perstack.image.internal.ShellWords;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes the offline base image: {@code mmdebstrap} installs the recipe's Debian packages into a
 * tree that is streamed as a tarball into {@code docker import}; the image is tagged {@code <base
 * repository>:<first 12 digits of the recipe's digest>}. Get one from {@link
 * ImageBuild#baseImages()}.
 */
public final class BaseImageBuilder {
  private final Engine engine;
  private final ImageBuildSettings settings;

  BaseImageBuilder(Engine engine, ImageBuildSettings settings) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The tag the base image of {@code recipe} has. */
  public String referenceFor(BaseImageRecipe recipe) {
    return ImageNames.reference(settings.baseRepository(), recipe.inputDigest());
  }

  /** The base image of {@code recipe}, if the engine has it. */
  public Optional<BaseImage> find(BaseImageRecipe recipe) throws ImageBuildException {
    String reference = referenceFor(recipe);
    Optional<LocalImage> image = EngineCalls.call(engine, () -> engine.inspect(reference));
    return image
        .filter(i -> recipe.inputDigest().equals(i.labels().get(Labels.INPUT_DIGEST)))
        .map(i -> new BaseImage(reference, i.id(), recipe.inputDigest(), false));
  }

  /** The base image of {@code recipe}: the one the engine has, or a new one. */
  public BaseImage ensure(BaseImageRecipe recipe, BuildListener listener)
      throws ImageBuildException, InterruptedException {
    listener.progress(BuildProgress.of(BuildStage.CHECK, "looking for " + referenceFor(recipe), 0));
    Optional<BaseImage> existing = find(recipe);
    if (existing.isPresent()) {
      listener.progress(
          BuildProgress.of(BuildStage.DONE, "base image " + existing.get() + " is there", 100));
      return existing.get();
    }
    return build(recipe, listener);
  }

  /** Builds the base image of {@code recipe}, replacing the tag if it exists (about a minute). */
  public BaseImage build(BaseImageRecipe recipe, BuildListener listener)
      throws ImageBuildException, InterruptedException {
    String reference = referenceFor(recipe);
    List<String> debLines = debLines(recipe);
    List<String> mmdebstrap = Mmdebstrap.command(settings.mmdebstrapExecutable(), recipe, debLines);
    // No tag yet: docker import also succeeds on a cut or empty stream, and such an image must
    // never carry the recipe's tag. It is tagged once mmdebstrap has succeeded too.
    List<String> dockerImport = dockerImport(recipe);
    AtomicBoolean tarballStarted = new AtomicBoolean();
    listener.progress(
        BuildProgress.of(
            BuildStage.BASE_PACKAGES,
            "building "
                + reference
                + " from "
                + recipe.suite()
                + " ("
                + String.join(", ", recipe.packages())
                + ")",
            1));
    CommandPipeline.Outcome outcome;
    try {
      outcome =
          CommandPipeline.run(
              List.of(
                  new CommandPipeline.Step(
                      mmdebstrap, line -> onMmdebstrapLine(line, tarballStarted, listener)),
                  new CommandPipeline.Step(dockerImport, line -> {})),
              settings.baseBuildTimeout());
    } catch (IOException e) {
      throw cannotStart(e, mmdebstrap, dockerImport);
    } catch (CommandPipeline.TimedOut e) {
      throw new ImageBuildException(
          "building the base image did not end within "
              + settings.baseBuildTimeout().toMinutes()
              + " minutes",
          ShellWords.join(mmdebstrap) + " | " + ShellWords.join(dockerImport),
          "check the connection to the Debian mirror named in " + settings.aptSources(),
          e.stderrTails().get(0),
          e);
    }
    String imageId;
    try {
      imageId = importedId(outcome, mmdebstrap, dockerImport, tarballStarted.get());
    } catch (ImageBuildException e) {
      String printed = outcome.stdout().strip();
      if (printed.matches("sha256:[0-9a-f]{64}")) {
        EngineCalls.call(engine, () -> engine.remove(printed));
      }
      throw e;
    }
    EngineCalls.call(
        engine,
        () -> {
          engine.tag(imageId, reference);
          return null;
        });
    listener.progress(
        BuildProgress.of(BuildStage.DONE, "base image " + reference + " is " + imageId, 100));
    return new BaseImage(reference, imageId, recipe.inputDigest(), true);
  }

  private List<String> debLines(BaseImageRecipe recipe) throws ImageBuildException {
    List<String> lines;
    try {
      lines = AptSources.debLines(settings.aptSources(), recipe.suite());
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot read the apt sources that name the Debian mirror: " + e.getMessage(),
          settings.aptSources().toString(),
          "point ImageBuildSettings.aptSources at a deb822 .sources or a sources.list file",
          e);
    }
    if (lines.isEmpty()) {
      throw new ImageBuildException(
          "the apt sources file names no enabled 'deb' source",
          settings.aptSources().toString(),
          "add a Debian mirror (Types: deb, URIs, Suites, Components) to that file",
          null);
    }
    return lines;
  }

  private List<String> dockerImport(BaseImageRecipe recipe) {
    return List.of(
        settings.dockerExecutable(),
        "import",
        "--change",
        "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "--change",
        "ENV LANG=C.UTF-8",
        "--change",
        "LABEL " + Labels.IMAGE + "=" + Labels.SANDBOX_BASE,
        "--change",
        "LABEL " + Labels.INPUT_DIGEST + "=" + recipe.inputDigest(),
        "-");
  }

  private static void onMmdebstrapLine(
      String line, AtomicBoolean tarballStarted, BuildListener listener) {
    if (!line.startsWith("I: ") && !line.startsWith("W: ") && !line.startsWith("E: ")) {
      return;
    }
    String message = line.substring(3).strip();
    if (message.isEmpty()) {
      return;
    }
    OptionalInt percent = Mmdebstrap.percentAfter(line);
    if (Mmdebstrap.startsTarball(line)) {
      tarballStarted.set(true);
    }
    BuildStage stage = tarballStarted.get() ? BuildStage.BASE_IMPORT : BuildStage.BASE_PACKAGES;
    listener.progress(new BuildProgress(stage, "mmdebstrap: " + message, percent));
  }

  private String importedId(
      CommandPipeline.Outcome outcome,
      List<String> mmdebstrap,
      List<String> dockerImport,
      boolean tarballStarted)
      throws ImageBuildException {
    int mmdebstrapExit = outcome.exitCodes().get(0);
    int importExit = outcome.exitCodes().get(1);
    if (mmdebstrapExit != 0 && (importExit == 0 || !tarballStarted)) {
      List<String> tail = outcome.stderrTails().get(0);
      throw new ImageBuildException(
          "mmdebstrap failed with exit code " + mmdebstrapExit,
          ShellWords.join(mmdebstrap),
          Mmdebstrap.fixFor(tail, settings.aptSources().toString()),
          tail,
          null);
    }
    if (importExit != 0) {
      throw new ImageBuildException(
          "docker import failed with exit code " + importExit,
          ShellWords.join(dockerImport),
          "check that the Docker engine runs ('docker info') and has disk space for about 600 MB",
          outcome.stderrTails().get(1),
          null);
    }
    String id = outcome.stdout().strip();
    if (!id.matches("sha256:[0-9a-f]{64}")) {
      throw new ImageBuildException(
          "docker import printed no image id",
          ShellWords.join(dockerImport),
          "check the docker CLI ('docker version'); it printed: " + id,
          null);
    }
    return id;
  }

  private ImageBuildException cannotStart(
      IOException e, List<String> mmdebstrap, List<String> dockerImport) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("\"" + settings.mmdebstrapExecutable() + "\"")) {
      return new ImageBuildException(
          "cannot run mmdebstrap: " + message,
          ShellWords.join(mmdebstrap),
          "install it (as root: apt-get install -y mmdebstrap)",
          e);
    }
    return new ImageBuildException(
        "cannot run the docker CLI: " + message,
        ShellWords.join(dockerImport),
        "install the docker CLI (apt-get install -y docker.io) and put it on PATH",
        e);
  }
}

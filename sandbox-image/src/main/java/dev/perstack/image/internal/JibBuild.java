package dev.perstack.image.internal;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import dev.perstack.image.BuildListener;
import dev.perstack.image.BuildProgress;
import dev.perstack.image.BuildStage;
import dev.perstack.image.ImageBuildException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs jib-core: the agent's layers, or the skills layer, on a local base image, loaded into the
 * local engine.
 */
public final class JibBuild {
  private JibBuild() {}

  /**
   * Builds {@code target} from {@code base} and returns its image id ({@code sha256:...}).
   *
   * @param cache jib's cache directory (base layers and application layers below it)
   */
  public static String run(
      String base,
      String target,
      AgentLayout layout,
      Map<String, String> labels,
      Path cache,
      String docker,
      BuildListener listener)
      throws ImageBuildException, InterruptedException {
    Path empty = null;
    try {
      empty = Files.createTempDirectory("perstack-workspace");
      JibContainerBuilder builder =
          from(base, target, docker)
              .setFileEntriesLayers(layout.layers(empty))
              .setEntrypoint(layout.entrypoint())
              .setProgramArguments(List.of())
              .setEnvironment(AgentLayout.ENVIRONMENT)
              .setUser(AgentLayout.USER)
              .setWorkingDirectory(AbsoluteUnixPath.get(AgentLayout.WORKDIR))
              .setLabels(labels)
              .setCreationTime(Instant.EPOCH)
              .setFormat(ImageFormat.Docker);
      return containerize(
          builder, base, target, cache, docker, listener, BuildStage.AGENT_LAYERS, "sandbox image");
    } catch (IOException e) {
      throw new ImageBuildException(
          "cannot prepare the agent's layers: " + e.getMessage(),
          base + " -> " + target,
          "check that the agent's classpath is readable and java.io.tmpdir writable",
          e);
    } finally {
      if (empty != null) {
        try {
          Files.deleteIfExists(empty);
        } catch (IOException ignored) {
          // A leftover empty directory in the temp directory is harmless.
        }
      }
    }
  }

  /**
   * Builds {@code target} from {@code base} plus one layer and returns its image id; everything
   * else (entrypoint, user, environment, working directory) comes from the base, the labels are
   * added to the base's.
   */
  public static String runWithLayer(
      String base,
      String target,
      FileEntriesLayer layer,
      Map<String, String> labels,
      Path cache,
      String docker,
      BuildListener listener)
      throws ImageBuildException, InterruptedException {
    JibContainerBuilder builder =
        from(base, target, docker)
            .addFileEntriesLayer(layer)
            .setLabels(labels)
            .setCreationTime(Instant.EPOCH)
            .setFormat(ImageFormat.Docker);
    return containerize(
        builder, base, target, cache, docker, listener, BuildStage.SKILL_LAYER, "skills image");
  }

  private static JibContainerBuilder from(String base, String target, String docker)
      throws ImageBuildException {
    try {
      return Jib.from(DockerDaemonImage.named(base).setDockerExecutable(Path.of(docker)));
    } catch (InvalidImageReferenceException e) {
      throw invalidName(e, base, target);
    }
  }

  private static String containerize(
      JibContainerBuilder builder,
      String base,
      String target,
      Path cache,
      String docker,
      BuildListener listener,
      BuildStage stage,
      String what)
      throws ImageBuildException, InterruptedException {
    // Cached, not fixed: jib's steps wait on each other's futures and deadlock a small pool.
    ExecutorService executor = Executors.newCachedThreadPool(JibBuild::daemon);
    try {
      ProgressReporter progress = new ProgressReporter(listener, stage);
      Containerizer containerizer =
          Containerizer.to(DockerDaemonImage.named(target).setDockerExecutable(Path.of(docker)))
              .setBaseImageLayersCache(cache.resolve("base"))
              .setApplicationLayersCache(cache.resolve("application"))
              .setOfflineMode(true)
              .setToolName("perstack")
              .setExecutorService(executor)
              .addEventHandler(ProgressEvent.class, progress::onProgress)
              .addEventHandler(LogEvent.class, progress::onLog);
      JibContainer container = builder.containerize(containerizer);
      return container.getImageId().toString();
    } catch (InvalidImageReferenceException e) {
      throw invalidName(e, base, target);
    } catch (CacheDirectoryCreationException e) {
      throw new ImageBuildException(
          "jib-core cannot create its cache directory: " + e.getMessage(),
          cache.toString(),
          "make that directory writable or choose another one (ImageBuildSettings.jibCache)",
          e);
    } catch (IOException | RegistryException | ExecutionException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      throw new ImageBuildException(
          "jib-core could not build the " + what + ": " + cause,
          base + " -> " + target,
          fixFor(cause, docker, cache),
          cause);
    } finally {
      executor.shutdownNow();
    }
  }

  private static ImageBuildException invalidName(
      InvalidImageReferenceException e, String base, String target) {
    return new ImageBuildException(
        "jib-core rejects an image name: " + e.getMessage(),
        base + " -> " + target,
        "use local repository names without a registry host",
        e);
  }

  static String fixFor(Throwable cause, String docker, Path cache) {
    String message = String.valueOf(cause.getMessage());
    if (message.contains("Cannot run program")) {
      return "jib-core runs the docker CLI ('" + docker + "'): install it and put it on PATH";
    }
    if (message.contains("No such image") || message.contains("not found")) {
      return "the base image is gone: build it again (ImageBuild.ensureSandboxImage)";
    }
    return "check 'docker info' and free disk space; if it persists, delete jib's cache "
        + cache
        + " and build again";
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "perstack-jib");
    t.setDaemon(true);
    return t;
  }

  /** Turns jib's progress allocations into whole percentages and its lifecycle logs into lines. */
  static final class ProgressReporter {
    private final BuildListener listener;
    private final BuildStage stage;
    private double done;
    private int lastPercent;

    ProgressReporter(BuildListener listener, BuildStage stage) {
      this.listener = listener;
      this.stage = stage;
    }

    synchronized void onProgress(ProgressEvent event) {
      done += event.getAllocation().getFractionOfRoot() * event.getUnits();
      int percent = (int) Math.min(99, Math.floor(done * 100));
      if (percent >= lastPercent + 5) {
        lastPercent = percent;
        listener.progress(BuildProgress.of(stage, "jib: " + percent + "% done", percent));
      }
    }

    void onLog(LogEvent event) {
      if (event.getLevel() != LogEvent.Level.LIFECYCLE
          && event.getLevel() != LogEvent.Level.WARN
          && event.getLevel() != LogEvent.Level.ERROR) {
        return;
      }
      String line = event.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
      // The base is pinned by its image id in the input digest; jib cannot know that.
      if (!line.isEmpty() && !line.contains("does not use a specific image digest")) {
        listener.progress(BuildProgress.of(stage, "jib: " + line));
      }
    }
  }
}

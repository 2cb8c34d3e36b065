package dev.perstack.image;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The images the integration tests share, built once per test run: a base of the default recipe
 * under a version of its own (so each run really builds one, about a minute) and the real agent on
 * it. All live in repositories of their own and are removed when the run ends.
 */
final class SharedImages {
  static final String BASE_REPOSITORY = "perstack-it-sandbox-base";
  static final String REPOSITORY = "perstack-it-sandbox";
  static final String SKILLS_REPOSITORY = REPOSITORY + "-skills";

  /**
   * Names this run's recipe version. Set {@code perstack.it.run} to reuse the images of an earlier
   * run while working on the tests (they are then kept at the end).
   */
  static final String RUN =
      System.getProperty(
          "perstack.it.run", HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));

  static final boolean KEEP = System.getProperty("perstack.it.run") != null;

  /** A progress report and when it arrived (ms since the build started). */
  record Report(BuildProgress progress, long atMillis) {}

  /** What the one build of this run gave. */
  record Built(SandboxImage image, BaseImage base, List<Report> reports, long totalMillis) {
    List<BuildProgress> progress() {
      return reports.stream().map(Report::progress).toList();
    }

    /** When the agent's layers began, i.e. how long the base took. */
    long baseMillis() {
      return reports.stream()
          .filter(r -> r.progress().stage() == BuildStage.AGENT_LAYERS)
          .mapToLong(Report::atMillis)
          .findFirst()
          .orElse(0);
    }
  }

  private static Built built;

  private SharedImages() {}

  static ImageBuildSettings settings() {
    return ImageBuildSettings.defaults()
        .withRepositories(BASE_REPOSITORY, REPOSITORY)
        .withRecipe(BaseImageRecipe.DEFAULT.withRecipeVersion("it-" + RUN))
        .withJibCache(projectTarget().resolve("it-jib-cache"));
  }

  static Path projectTarget() {
    return Path.of(System.getProperty("perstack.project.dir", ".."))
        .resolve("sandbox-image/target");
  }

  /** The shared images, built on first call through {@link ImageBuild#ensureSandboxImage}. */
  static synchronized Built get() throws Exception {
    if (built == null) {
      List<Report> reports = new ArrayList<>();
      long start = System.nanoTime();
      BuildListener recorder =
          p -> {
            synchronized (reports) {
              reports.add(new Report(p, (System.nanoTime() - start) / 1_000_000));
            }
            System.out.println("[it build] " + p.format());
          };
      try (ImageBuild build = ImageBuild.connect(settings())) {
        SandboxImage image = build.ensureSandboxImage(AgentClasspath.ofThisBuild(), recorder);
        long total = (System.nanoTime() - start) / 1_000_000;
        BaseImage base = build.baseImages().find(settings().recipe()).orElseThrow();
        synchronized (reports) {
          built = new Built(image, base, List.copyOf(reports), total);
        }
        System.out.printf(
            "[it build] base %d ms, whole build %d ms%n", built.baseMillis(), built.totalMillis());
      }
    }
    return built;
  }

  /** Removes every image of this run's repositories when the whole test run ends. */
  static final class Cleanup implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.create(SharedImages.class))
          .computeIfAbsent("cleanup", k -> (AutoCloseable) SharedImages::removeAll);
    }
  }

  static void removeAll() throws Exception {
    if (KEEP) {
      return;
    }
    try (Docker docker = Docker.connect()) {
      for (String repository : List.of(SKILLS_REPOSITORY, REPOSITORY, BASE_REPOSITORY)) {
        docker.removeImagesOf(repository);
      }
    }
  }
}

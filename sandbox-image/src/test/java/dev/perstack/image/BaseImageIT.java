package dev.perstack.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.github.dockerjava.api.command.InspectImageResponse;
import dev.perstack.image.SharedImages.Built;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The offline base image, built from Debian packages in the real engine (once per run). */
@ExtendWith(SharedImages.Cleanup.class)
class BaseImageIT {
  private static Docker docker;
  private static Built built;

  @BeforeAll
  static void build() throws Exception {
    docker = Docker.connect();
    built = SharedImages.get();
  }

  @AfterAll
  static void close() throws Exception {
    docker.close();
  }

  @Nested
  class FirstBuild {
    @Test
    void isTaggedByTheRecipesDigestAndLabelled() {
      String digest = SharedImages.settings().recipe().inputDigest();
      InspectImageResponse image = docker.inspect(built.base().reference());

      assertThat(built.base().reference())
          .isEqualTo(SharedImages.BASE_REPOSITORY + ":" + digest.substring(0, 12));
      assertThat(image.getId()).isEqualTo(built.base().imageId());
      assertThat(image.getConfig().getLabels())
          .containsEntry("dev.perstack.image", "sandbox-base")
          .containsEntry("dev.perstack.input-digest", digest);
      assertThat(image.getConfig().getEnv())
          .contains("LANG=C.UTF-8")
          .anyMatch(e -> e.startsWith("PATH="));
      System.out.printf("[it] base image size: %d MB%n", image.getSize() / 1_000_000);
    }

    @Test
    void reportsPackagesThenImportThenTheAgentWithRisingPercentages() {
      assumeFalse(SharedImages.KEEP, "the images of an earlier run were reused");
      List<BuildStage> stages = new ArrayList<>();
      for (BuildProgress p : built.progress()) {
        if (stages.isEmpty() || stages.get(stages.size() - 1) != p.stage()) {
          stages.add(p.stage());
        }
      }
      List<Integer> percents =
          built.progress().stream()
              .map(BuildProgress::percent)
              .filter(OptionalInt::isPresent)
              .map(OptionalInt::getAsInt)
              .toList();

      assertThat(stages)
          .containsSubsequence(
              BuildStage.CHECK,
              BuildStage.BASE_PACKAGES,
              BuildStage.BASE_IMPORT,
              BuildStage.AGENT_LAYERS,
              BuildStage.DONE)
          .endsWith(BuildStage.DONE);
      assertThat(percents).isSorted().endsWith(100);
      assertThat(built.progress())
          .anySatisfy(p -> assertThat(p.message()).contains("installing remaining packages"));
    }
  }

  @Nested
  class SecondEnsure {
    @Test
    void findsTheTagAndBuildsNothing() throws Exception {
      List<BuildProgress> progress = new ArrayList<>();
      long start = System.nanoTime();
      BaseImage again;
      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        again = build.baseImages().ensure(SharedImages.settings().recipe(), progress::add);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(again.built()).isFalse();
      assertThat(again.imageId()).isEqualTo(built.base().imageId());
      assertThat(progress)
          .extracting(BuildProgress::stage)
          .containsOnly(BuildStage.CHECK, BuildStage.DONE);
      assertThat(millis).isLessThan(5_000);
    }
  }

  @Nested
  class Failures {
    private ImageBuildSettings unique(ImageBuildSettings settings) {
      return settings.withRecipe(
          settings.recipe().withRecipeVersion("it-fail-" + System.nanoTime()));
    }

    @Test
    void anUnreachableMirrorFailsWithMmdebstrapsLastLinesAndNamesTheSourcesFile(@TempDir Path dir)
        throws Exception {
      Path sources = dir.resolve("unreachable.sources");
      Files.writeString(
          sources,
          "Types: deb\nURIs: http://127.0.0.1:9/debian\nSuites: bookworm\nComponents: main\n");
      ImageBuildSettings settings = unique(SharedImages.settings()).withAptSources(sources);

      try (ImageBuild build = ImageBuild.connect(settings)) {
        assertThatThrownBy(() -> build.baseImages().ensure(settings.recipe(), BuildListener.NONE))
            .isInstanceOfSatisfying(
                ImageBuildException.class,
                e -> {
                  assertThat(e.what()).startsWith("mmdebstrap failed with exit code");
                  assertThat(e.where())
                      .hasValueSatisfying(w -> assertThat(w).contains("127.0.0.1:9"));
                  assertThat(e.fix()).contains(sources.toString());
                  assertThat(e.outputTail()).isNotEmpty();
                });
        assertThat(build.baseImages().find(settings.recipe())).isEmpty();
      }
    }

    @Test
    void aMissingMmdebstrapSaysHowToInstallIt() throws Exception {
      ImageBuildSettings settings =
          unique(SharedImages.settings()).withPrograms("docker", "mmdebstrap-not-installed");

      try (ImageBuild build = ImageBuild.connect(settings)) {
        assertThatThrownBy(() -> build.baseImages().build(settings.recipe(), BuildListener.NONE))
            .isInstanceOf(ImageBuildException.class)
            .hasMessageContaining("cannot run mmdebstrap")
            .hasMessageContaining("apt-get install -y mmdebstrap");
      }
    }

    @Test
    void aMissingDockerCliSaysHowToInstallIt() throws Exception {
      ImageBuildSettings settings =
          unique(SharedImages.settings()).withPrograms("docker-not-installed", "mmdebstrap");

      try (ImageBuild build = ImageBuild.connect(settings)) {
        assertThatThrownBy(() -> build.baseImages().build(settings.recipe(), BuildListener.NONE))
            .isInstanceOf(ImageBuildException.class)
            .hasMessageContaining("cannot run the docker CLI")
            .hasMessageContaining("docker-not-installed");
      }
    }
  }
}

package dev.perstack.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import dev.perstack.image.SharedImages.Built;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The real agent's sandbox image: how it is made and that it runs hardened as a non-root user. */
@ExtendWith(SharedImages.Cleanup.class)
class SandboxImageIT {
  private static final List<String> SH = List.of("/bin/sh", "-c");
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

  private static Docker.Run sh(String script) throws InterruptedException {
    return docker.run(
        built.image().imageId(), Docker.hardened(), "", List.of(), SH, List.of(script));
  }

  @Nested
  class Configuration {
    private final InspectImageResponse image = docker.inspect(built.image().reference());
    private final ContainerConfig config = image.getConfig();

    @Test
    void runsTheAgentAsUser10001InTheWorkspaceWithHomeInTmp() {
      assertThat(config.getUser()).isEqualTo("10001:10001");
      assertThat(config.getWorkingDir()).isEqualTo("/workspace");
      assertThat(config.getEnv()).contains("HOME=/tmp", "LANG=C.UTF-8");
      assertThat(config.getEntrypoint())
          .startsWith("/usr/bin/java", "-XX:+UseSerialGC")
          .contains("-Xss512k", "-XX:MaxRAMPercentage=50")
          .endsWith("dev.perstack.agent.AgentMain");
      assertThat(config.getCmd()).isNullOrEmpty();
    }

    @Test
    void isLabelledWithItsInputsAndBase() {
      assertThat(config.getLabels())
          .containsEntry("dev.perstack.image", "sandbox")
          .containsEntry("dev.perstack.input-digest", built.image().inputDigest())
          .containsEntry("dev.perstack.base", built.base().reference());
      assertThat(built.image().reference())
          .isEqualTo(SharedImages.REPOSITORY + ":" + built.image().inputDigest().substring(0, 12));
    }

    @Test
    void addsTwoLayersOnTheBaseAndIsDated1970() {
      InspectImageResponse base = docker.inspect(built.base().imageId());
      List<String> layers = image.getRootFS().getLayers();

      assertThat(layers).hasSize(base.getRootFS().getLayers().size() + 2);
      assertThat(layers).startsWith(base.getRootFS().getLayers().toArray(String[]::new));
      assertThat(image.getCreated()).startsWith("1970-01-01T00:00:00");
      System.out.printf("[it] sandbox image size: %d MB%n", image.getSize() / 1_000_000);
    }
  }

  @Nested
  class Files_ {
    @Test
    void holdOnlyTheAgentsJarsAndTheAgentItself() throws Exception {
      Docker.Run run = sh("ls /app/libs; echo ---; ls /app/agent");

      String[] parts = run.stdout().split("---");
      assertThat(run.exitCode()).isZero();
      assertThat(parts[0]).contains("jackson-databind", "mcp-core", "slf4j-nop");
      assertThat(parts[0]).doesNotContain("docker-java", "jib-core", "guava", "junit");
      assertThat(parts[1]).contains("sandbox-agent", "protocol");
    }

    @Test
    void areReadOnlyForTheSandboxUserWhoOwnsOnlyTheWorkspace() throws Exception {
      Docker.Run run = sh("id -u; stat -c %u /workspace; stat -c %u:%a /app/libs; touch /app/x");

      assertThat(run.stdout().lines().toList()).startsWith("10001", "10001", "0:755");
      assertThat(run.exitCode()).isNotZero();
    }
  }

  @Nested
  class Reuse {
    @Test
    void buildingTheSameInputsAgainGivesTheSameImageId() throws Exception {
      SandboxImage again;
      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        again =
            build
                .sandboxImages()
                .build(built.base(), AgentClasspath.ofThisBuild(), BuildListener.NONE);
      }

      assertThat(again.built()).isTrue();
      assertThat(again.imageId()).isEqualTo(built.image().imageId());
    }

    @Test
    void ensureFindsTheImageByItsLabelAndBuildsNothing() throws Exception {
      List<BuildProgress> progress = new ArrayList<>();
      long start = System.nanoTime();
      SandboxImage again;
      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        again = build.ensureSandboxImage(AgentClasspath.ofThisBuild(), progress::add);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(again.built()).isFalse();
      assertThat(again.imageId()).isEqualTo(built.image().imageId());
      assertThat(progress).extracting(BuildProgress::stage).doesNotContain(BuildStage.AGENT_LAYERS);
      assertThat(millis).isLessThan(5_000);
      System.out.printf("[it] warm ensureSandboxImage: %d ms%n", millis);
    }

    @Test
    void ensureTagsTheImageAgainWhenItsTagWasRemoved() throws Exception {
      String spare = SharedImages.REPOSITORY + ":spare";
      docker.client().tagImageCmd(built.image().imageId(), SharedImages.REPOSITORY, "spare").exec();
      docker.client().removeImageCmd(built.image().reference()).exec();

      SandboxImage again;
      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        again = build.ensureSandboxImage(AgentClasspath.ofThisBuild(), BuildListener.NONE);
      }

      assertThat(again.built()).isFalse();
      assertThat(docker.inspect(built.image().reference()).getId())
          .isEqualTo(built.image().imageId());
      docker.client().removeImageCmd(spare).exec();
    }
  }

  @Nested
  class ChangedAgent {
    @Test
    void keepsTheDependencyLayerAndReplacesTheAgentLayer(@TempDir Path dir) throws Exception {
      AgentClasspath real = AgentClasspath.ofThisBuild();
      Path extra = Files.createDirectories(dir.resolve("extra/target/classes"));
      Files.writeString(extra.resolve("marker.txt"), "changed agent");
      List<Path> application = new ArrayList<>(real.application());
      application.add(extra);
      AgentClasspath changed = new AgentClasspath(application, real.dependencies());

      try (ImageBuild build = ImageBuild.connect(SharedImages.settings())) {
        SandboxImage variant =
            build.sandboxImages().ensure(built.base(), changed, BuildListener.NONE);
        List<String> before = docker.inspect(built.image().imageId()).getRootFS().getLayers();
        List<String> after = docker.inspect(variant.imageId()).getRootFS().getLayers();

        assertThat(variant.imageId()).isNotEqualTo(built.image().imageId());
        assertThat(after.get(after.size() - 2)).isEqualTo(before.get(before.size() - 2));
        assertThat(after.get(after.size() - 1)).isNotEqualTo(before.get(before.size() - 1));

        assertThat(build.removeSandboxImagesExcept(built.image())).isGreaterThanOrEqualTo(1);
        assertThat(docker.exists(variant.imageId())).isFalse();
        assertThat(docker.exists(built.image().imageId())).isTrue();
      }
    }
  }

  @Nested
  class HardenedRun {
    @Test
    void withoutASocketTheAgentExitsWith2AndSaysWhatToSet() throws Exception {
      Docker.Run run =
          docker.run(
              built.image().imageId(),
              Docker.hardened(64),
              "10001:10001",
              List.of(),
              List.of(),
              List.of());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.stderr()).contains("set PERSTACK_SOCKET");
    }

    @Test
    void nodeAndNpxWorkAsTheSandboxUserWithHomeInTmp() throws Exception {
      Docker.Run run =
          docker.run(
              built.image().imageId(),
              Docker.hardened(),
              "10001:10001",
              List.of(),
              SH,
              List.of("node --version && npx --version && echo HOME=$HOME"));

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).containsPattern("v\\d+\\.\\d+\\.\\d+").contains("HOME=/tmp");
      assertThat(run.stdout().lines().toList().get(1)).matches("\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void theRootFilesystemIsReadOnlyAndOnlyTmpIsWritable() throws Exception {
      Docker.Run run =
          sh("touch /etc/x 2>/dev/null && echo root-writable; touch /tmp/x && echo tmp");

      assertThat(run.stdout()).doesNotContain("root-writable").contains("tmp");
    }
  }
}

package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobEventBus;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.sandbox.docker.SandboxUser;
import dev.perstack.controlplane.socket.JobSocket;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers a crashed control plane left behind, and who a sandbox runs as. */
class DockerRuntimeOrphansTest {
  @TempDir Path dir;

  @Nested
  class Reaping {
    @Test
    void containersLeftByACrashAreRemovedAndTheirJobsEndByError() throws Exception {
      DockerClient docker = DockerTestEngine.client();
      String owner = DockerTestEngine.uniqueOwner();
      String orphan =
          docker
              .createContainerCmd(DockerTestEngine.imageId())
              .withEntrypoint("sleep", "600")
              .withLabels(
                  Map.of(
                      "dev.perstack.managed", "true",
                      "dev.perstack.owner", owner,
                      "dev.perstack.job", "job-left-behind"))
              .withNetworkDisabled(true)
              .exec()
              .getId();
      docker.startContainerCmd(orphan).exec();
      String elsewhere =
          docker
              .createContainerCmd(DockerTestEngine.imageId())
              .withEntrypoint("sleep", "600")
              .withLabels(
                  Map.of(
                      "dev.perstack.managed", "true",
                      "dev.perstack.owner", owner + "-other",
                      "dev.perstack.job", "job-of-another-control-plane"))
              .exec()
              .getId();
      InMemoryJobStore store = new InMemoryJobStore();
      store.createJob(running("job-left-behind"));
      try (DockerSandboxRuntime runtime =
          DockerTestEngine.runtime(
              DockerSandboxSettings.DEFAULTS.withOwner(owner).withCommand(List.of("sleep", "600")),
              change -> {})) {
        JobSocket socket = JobSocket.open(dir.resolve("live-socket"));
        DockerSandboxHandle live =
            (DockerSandboxHandle)
                runtime.start(
                    new SandboxRequest(
                        "job-alive",
                        socket.directory(),
                        "t",
                        Files.createDirectories(dir.resolve("ws")),
                        dir.resolve("live.log")));

        List<String> reaped = runtime.reapOrphans();
        int marked = orchestrator(store, runtime).reapOrphans();

        assertThat(reaped).containsExactly("job-left-behind");
        assertThat(exists(docker, orphan)).isFalse();
        assertThat(exists(docker, live.containerId())).as("a job that runs is kept").isTrue();
        assertThat(exists(docker, elsewhere)).as("another owner's container is kept").isTrue();
        assertThat(marked).isEqualTo(1);
        assertThat(store.job("job-left-behind").orElseThrow().state())
            .isEqualTo(JobState.STOPPED_BY_ERROR);
        live.stop(Duration.ZERO);
        socket.close();
      } finally {
        docker.removeContainerCmd(elsewhere).withForce(true).exec();
      }
    }

    private JobOrchestrator orchestrator(InMemoryJobStore store, DockerSandboxRuntime runtime) {
      return new JobOrchestrator(
          store,
          new JobEventBus(),
          Map.of(runtime.name(), runtime),
          new ScriptedModel(),
          Executors.newCachedThreadPool(),
          dir.resolve("home"),
          Clock.systemUTC(),
          JobHarness.settings(Duration.ofSeconds(5)),
          Map.of());
    }

    private static boolean exists(DockerClient docker, String id) {
      return !docker
          .listContainersCmd()
          .withShowAll(true)
          .withIdFilter(List.of(id))
          .exec()
          .isEmpty();
    }

    private static JobRecord running(String id) {
      return new JobRecord(
          id,
          "worker",
          Optional.of("q"),
          JobState.RUNNING,
          "docker",
          "/nowhere/perstack.toml",
          "sha256:0",
          Optional.empty(),
          Optional.empty(),
          "test",
          Instant.now(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
  }

  @Nested
  class SandboxUsers {
    @Test
    void underRootContainersRunAsTheSandboxUidAndGetTheDirectories() throws Exception {
      assertThat(SandboxUser.choose(OptionalInt.empty(), 0, 0))
          .isEqualTo(new SandboxUser(10001, 10001, true));
      assertThat(SandboxUser.choose(OptionalInt.of(20000), 0, 0))
          .isEqualTo(new SandboxUser(20000, 20000, true));
    }

    @Test
    void underAnOrdinaryUserContainersRunAsThatUserAndNothingChangesOwner() throws Exception {
      assertThat(SandboxUser.choose(OptionalInt.empty(), 1000, 1000))
          .isEqualTo(new SandboxUser(1000, 1000, false));
    }

    @Test
    void aUidThatCannotBeGivenTheDirectoriesIsRefusedWithTheFix() {
      assertThat(
              catchThrowableOfType(
                  SandboxException.class,
                  () -> SandboxUser.choose(OptionalInt.of(10001), 1000, 1000)))
          .hasMessageContaining("run the control plane as root, or leave the sandbox uid unset");
      assertThat(
              catchThrowableOfType(
                  SandboxException.class, () -> SandboxUser.choose(OptionalInt.empty(), 1000, 0)))
          .hasMessageContaining("group root");
    }
  }
}

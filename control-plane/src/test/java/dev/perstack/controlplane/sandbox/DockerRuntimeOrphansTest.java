package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.dockerjava.api.DockerClient;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.orchestration.OwnerLease;
import dev.perstack.controlplane.orchestration.TestOrchestrators;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.sandbox.docker.SandboxUser;
import dev.perstack.controlplane.socket.JobSocket;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers a crashed control plane left behind, and who a sandbox runs as. */
class DockerRuntimeOrphansTest {
  @TempDir Path dir;

  @Nested
  class Reaping {
    @Test
    void anOwnersContainersThatNoJobRunsAreRemovedAndOthersAreKept() throws Exception {
      DockerClient docker = DockerTestEngine.client();
      String owner = DockerTestEngine.uniqueOwner();
      String orphan = sleeping(docker, owner, "job-left-behind");
      String elsewhere = sleeping(docker, owner + "-other", "job-of-another-control-plane");
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

        List<String> reaped = runtime.reap(owner);

        assertThat(reaped).containsExactly("job-left-behind");
        assertThat(exists(docker, orphan)).isFalse();
        assertThat(exists(docker, live.containerId())).as("a job that runs is kept").isTrue();
        assertThat(exists(docker, elsewhere)).as("another owner's container is kept").isTrue();
        live.stop(Duration.ZERO);
        socket.close();
      } finally {
        DockerTestEngine.removeAll(owner);
        DockerTestEngine.removeAll(owner + "-other");
      }
    }

    @Test
    void aStartingControlPlaneRemovesTheContainersOfOneThatIsGoneAndEndsItsJobs() throws Exception {
      DockerClient docker = DockerTestEngine.client();
      Path home = dir.resolve("home");
      InMemoryJobStore store = new InMemoryJobStore();
      // The one that crashed: its lock is no longer held, its container and job are left.
      OwnerLease crashed = OwnerLease.acquire(home);
      crashed.close();
      String orphan = sleeping(docker, crashed.name(), "job-left-behind");
      store.createJob(running("job-left-behind", crashed.name()));
      // One that still runs, in the same home: nothing of it may be touched.
      OwnerLease alive = OwnerLease.acquire(home);
      String kept = sleeping(docker, alive.name(), "job-still-running");
      store.createJob(running("job-still-running", alive.name()));
      OwnerLease restarted = OwnerLease.acquire(home);
      try (DockerSandboxRuntime runtime =
          DockerTestEngine.runtime(
              DockerSandboxSettings.DEFAULTS.withOwner(restarted.name()), change -> {})) {

        int marked = orchestrator(store, runtime, home, restarted).reapOrphans(false);

        assertThat(marked).isEqualTo(1);
        assertThat(exists(docker, orphan)).isFalse();
        assertThat(store.job("job-left-behind").orElseThrow().state())
            .isEqualTo(JobState.STOPPED_BY_ERROR);
        assertThat(exists(docker, kept)).as("a live control plane's container").isTrue();
        assertThat(store.job("job-still-running").orElseThrow().state())
            .isEqualTo(JobState.RUNNING);
      } finally {
        restarted.close();
        alive.close();
        DockerTestEngine.removeAll(crashed.name());
        DockerTestEngine.removeAll(alive.name());
      }
    }

    private static String sleeping(DockerClient docker, String owner, String job)
        throws SandboxException {
      String id =
          docker
              .createContainerCmd(DockerTestEngine.imageId())
              .withEntrypoint("sleep", "600")
              .withLabels(
                  Map.of(
                      "dev.perstack.managed", "true",
                      "dev.perstack.owner", owner,
                      "dev.perstack.job", job))
              .withNetworkDisabled(true)
              .exec()
              .getId();
      docker.startContainerCmd(id).exec();
      return id;
    }

    private JobOrchestrator orchestrator(
        InMemoryJobStore store, DockerSandboxRuntime runtime, Path home, OwnerLease owner) {
      return TestOrchestrators.on(store, new ScriptedModel(), home, owner)
          .runtime(runtime)
          .settings(JobHarness.settings(Duration.ofSeconds(5)))
          .build();
    }

    private static boolean exists(DockerClient docker, String id) {
      return !docker
          .listContainersCmd()
          .withShowAll(true)
          .withIdFilter(List.of(id))
          .exec()
          .isEmpty();
    }

    private static JobRecord running(String id, String owner) {
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
          Optional.empty(),
          Optional.of(owner));
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

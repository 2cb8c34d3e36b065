package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The runtime contract for {@code docker}: each job in a hardened container of the real image. */
class DockerRuntimeContractTest extends SandboxRuntimeContract {
  private final String owner = DockerTestEngine.uniqueOwner();
  private final List<DockerSandboxRuntime> started = new ArrayList<>();

  @Override
  SandboxRuntime runtime(InMemoryJobStore store) throws Exception {
    return keep(
        DockerTestEngine.runtime(
            DockerSandboxSettings.DEFAULTS.withOwner(owner), DockerTestEngine.storingIn(store)));
  }

  @Override
  SandboxRuntime neverConnecting(InMemoryJobStore store, Path dir) throws Exception {
    return keep(
        DockerTestEngine.runtime(
            DockerSandboxSettings.DEFAULTS.withOwner(owner).withCommand(List.of("sleep", "600")),
            DockerTestEngine.storingIn(store)));
  }

  @Override
  void crash(SandboxHandle handle) throws Exception {
    DockerTestEngine.client()
        .killContainerCmd(((DockerSandboxHandle) handle).containerId())
        .withSignal("KILL")
        .exec();
  }

  @Override
  String name() {
    return "docker";
  }

  private DockerSandboxRuntime keep(DockerSandboxRuntime runtime) {
    started.add(runtime);
    return runtime;
  }

  @AfterEach
  void closeRuntimes() throws Exception {
    started.forEach(DockerSandboxRuntime::close);
    assertThat(DockerTestEngine.removeAll(owner))
        .as("every container of this test was removed")
        .isZero();
  }

  @Nested
  class ContainerStatusEvents {
    @Test
    void aJobsContainerReportsStartingRunningAndStopped() throws Exception {
      JobHarness h = harness();
      h.model.text("worker", "Nothing to do.");

      JobRecord job = JobHarness.await(h.submit("runtime", "worker"));

      List<String> statuses =
          h.events(job.id()).stream()
              .filter(e -> e.type().equals("dockerContainerStatus"))
              .map(StoredEvent::json)
              .map(json -> json.replaceAll(".*\"status\":\"([a-z]+)\".*", "$1"))
              .toList();
      assertThat(statuses).containsExactly("starting", "running", "stopped");
      assertThat(job.image()).hasValueSatisfying(i -> assertThat(i).startsWith("sha256:"));
    }
  }
}

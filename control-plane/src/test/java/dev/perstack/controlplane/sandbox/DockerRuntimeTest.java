package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import dev.perstack.controlplane.sandbox.docker.ContainerStatus;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.sandbox.docker.SandboxImageSource;
import dev.perstack.controlplane.socket.JobSocket;
import dev.perstack.protocol.event.DockerContainerStatus.Status;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker runtime on its own, below the orchestrator: how it creates, reports, logs, stops and
 * removes containers, what it does to the job's directories, and how it reaps orphans.
 */
class DockerRuntimeTest {
  @TempDir Path dir;
  final String owner = DockerTestEngine.uniqueOwner();
  final List<ContainerStatus> statuses = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
    DockerTestEngine.removeAll(owner);
  }

  DockerSandboxRuntime runtime(List<String> command) throws Exception {
    DockerSandboxRuntime runtime =
        DockerTestEngine.runtime(
            DockerSandboxSettings.DEFAULTS.withOwner(owner).withCommand(command), statuses::add);
    open.add(runtime);
    return runtime;
  }

  SandboxRequest request(String jobId) throws Exception {
    JobSocket socket = JobSocket.open(dir.resolve("sockets").resolve(jobId));
    open.add(0, socket);
    Path workspace = Files.createDirectories(dir.resolve("workspaces").resolve(jobId));
    return new SandboxRequest(
        jobId, socket.directory(), "token-" + jobId, workspace, dir.resolve(jobId + ".log"));
  }

  static DockerClient docker() throws Exception {
    return DockerTestEngine.client();
  }

  @Nested
  class Creation {
    @Test
    void theContainerIsCreatedWithEveryHardeningFlag() throws Exception {
      SandboxRequest request = request("job-flags");
      DockerSandboxHandle handle =
          (DockerSandboxHandle) runtime(List.of("sleep", "60")).start(request);

      InspectContainerResponse container =
          docker().inspectContainerCmd(handle.containerId()).exec();
      HostConfig host = container.getHostConfig();
      assertThat(host.getNetworkMode()).isEqualTo("none");
      assertThat(host.getReadonlyRootfs()).isTrue();
      assertThat(host.getCapDrop()).extracting(Object::toString).containsExactly("ALL");
      assertThat(host.getCapAdd()).isNullOrEmpty();
      assertThat(host.getSecurityOpts()).containsExactly("no-new-privileges");
      assertThat(host.getPrivileged()).isFalse();
      assertThat(host.getInit()).isTrue();
      assertThat(host.getPidsLimit()).isEqualTo(512L);
      assertThat(host.getMemory()).isEqualTo(1L << 30);
      assertThat(host.getMemorySwap()).isEqualTo(1L << 30);
      assertThat(host.getNanoCPUs()).isEqualTo(2_000_000_000L);
      assertThat(host.getTmpFs()).containsOnlyKeys("/tmp");
      assertThat(host.getTmpFs().get("/tmp")).contains("size=268435456", "nosuid", "nodev");
      assertThat(host.getBinds()).isNullOrEmpty();
      assertThat(host.getMounts())
          .extracting(Mount::getTarget, m -> Boolean.TRUE.equals(m.getReadOnly()))
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("/workspace", false),
              org.assertj.core.groups.Tuple.tuple("/run/perstack", true));
      assertThat(container.getConfig().getUser()).isEqualTo("10001:10001");
      assertThat(container.getConfig().getEnv())
          .contains(
              "PERSTACK_SOCKET=/run/perstack/agent.sock",
              "PERSTACK_JOB_TOKEN=token-job-flags",
              "PERSTACK_WORKSPACE=/workspace",
              "PERSTACK_RUNTIME=docker",
              "HOME=/tmp")
          .allMatch(
              e -> e.startsWith("PERSTACK_") || e.matches("(HOME|PATH|LANG)=.*"),
              "only the job's variables and the image's PATH and LANG");
      assertThat(container.getConfig().getLabels())
          .containsEntry("dev.perstack.job", "job-flags")
          .containsEntry("dev.perstack.managed", "true")
          .containsEntry("dev.perstack.owner", owner);
      assertThat(container.getImageId()).isEqualTo(DockerTestEngine.imageId());
      assertThat(handle.image()).hasValue(DockerTestEngine.imageId());
      handle.stop(Duration.ofSeconds(1));
    }

    @Test
    void theContainerIsRemovedWhenItExitsAndEachChangeIsReported() throws Exception {
      DockerSandboxHandle handle =
          (DockerSandboxHandle) runtime(List.of("sh", "-c", "exit 3")).start(request("job-exit"));

      assertThat(handle.exit()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(3);
      assertThat(
              docker()
                  .listContainersCmd()
                  .withShowAll(true)
                  .withIdFilter(List.of(handle.containerId()))
                  .exec())
          .isEmpty();
      assertThat(statuses)
          .extracting(ContainerStatus::status)
          .containsExactly(Status.STARTING, Status.RUNNING, Status.STOPPED);
      assertThat(statuses.get(2).message()).hasValue("exited with code 3");
      assertThat(statuses).allMatch(s -> s.jobId().equals("job-exit"));
    }

    @Test
    void stopSendsSigtermThenKillsAfterTheGrace() throws Exception {
      DockerSandboxHandle polite =
          (DockerSandboxHandle)
              runtime(List.of("sh", "-c", "trap 'exit 42' TERM; while true; do sleep 0.1; done"))
                  .start(request("job-polite"));
      DockerSandboxHandle stubborn =
          (DockerSandboxHandle)
              runtime(List.of("sh", "-c", "trap '' TERM; sleep 600"))
                  .start(request("job-stubborn"));
      Thread.sleep(500);

      long start = System.nanoTime();
      polite.stop(Duration.ofSeconds(10));
      assertThat(polite.exit()).isCompletedWithValue(42);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      stubborn.stop(Duration.ofSeconds(1));
      assertThat(stubborn.exit()).isCompletedWithValue(137);
    }

    @Test
    void theContainersOwnOutputGoesToTheJobLog() throws Exception {
      SandboxRequest request = request("job-log");
      SandboxHandle handle =
          runtime(List.of("sh", "-c", "echo to-stdout; echo to-stderr >&2")).start(request);

      assertThat(handle.exit()).succeedsWithin(Duration.ofSeconds(30));
      assertThat(Files.readString(request.logFile()))
          .contains("to-stdout", "to-stderr", "[perstack] the container exited with code 0");
    }

    @Test
    void theLimitsHoldInsideTheContainer() throws Exception {
      SandboxRequest request = request("job-limits");
      String cgroup = "/sys/fs/cgroup";
      SandboxHandle handle =
          runtime(
                  List.of(
                      "sh",
                      "-c",
                      "echo memory=$(cat "
                          + cgroup
                          + "/memory.max 2>/dev/null || cat "
                          + cgroup
                          + "/memory/memory.limit_in_bytes);"
                          + " echo pids=$(cat "
                          + cgroup
                          + "/pids.max 2>/dev/null || cat "
                          + cgroup
                          + "/pids/pids.max);"
                          + " echo cpu=$(cat "
                          + cgroup
                          + "/cpu.max 2>/dev/null || echo $(cat "
                          + cgroup
                          + "/cpu/cpu.cfs_quota_us) $(cat "
                          + cgroup
                          + "/cpu/cpu.cfs_period_us));"
                          + " echo pid1=$(tr '\\0' ' ' < /proc/1/cmdline)"))
              .start(request);

      assertThat(handle.exit()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(0);
      assertThat(Files.readString(request.logFile()))
          .contains("memory=1073741824", "pids=512", "cpu=200000 100000", "pid1=/sbin/docker-init");
    }

    @Test
    void aMissingImageIsReportedAndNeverPulled() throws Exception {
      DockerSandboxRuntime runtime =
          new DockerSandboxRuntime(
              docker(),
              SandboxImageSource.fixed("sha256:" + "0".repeat(64)),
              DockerSandboxSettings.DEFAULTS.withOwner(owner),
              statuses::add,
              Clock.systemUTC());
      open.add(runtime);

      SandboxException e =
          catchThrowableOfType(SandboxException.class, () -> runtime.start(request("job-noimage")));

      assertThat(e)
          .hasMessageContaining("never pulled")
          .hasMessageContaining("perstack image build");
      assertThat(statuses).extracting(ContainerStatus::status).containsExactly(Status.ERROR);
    }
  }

  @Nested
  class Directories {
    @Test
    void theSocketDirectoryAndTheWorkspaceAreHandedToTheSandboxUserAndNothingElse()
        throws Exception {
      assumeTrue(
          (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
          "only root hands directories over; other users' containers run as themselves");
      SandboxRequest request = request("job-dirs");
      Files.writeString(request.workspace().resolve("existing.txt"), "x");
      Path outside = Files.writeString(dir.resolve("outside.txt"), "host file");
      Files.createSymbolicLink(request.workspace().resolve("link"), outside);
      String before =
          PosixFilePermissions.toString(Files.getPosixFilePermissions(request.workspace()));

      SandboxHandle handle = runtime(List.of("sleep", "60")).start(request);

      assertThat(uid(request.socketDirectory())).isEqualTo(10001);
      assertThat(mode(request.socketDirectory())).isEqualTo("rwx------");
      assertThat(uid(request.socketDirectory().resolve(JobSocket.FILE_NAME))).isEqualTo(10001);
      assertThat(mode(request.socketDirectory().resolve(JobSocket.FILE_NAME)))
          .isEqualTo("rw-------");
      assertThat(uid(request.workspace())).isEqualTo(10001);
      assertThat(uid(request.workspace().resolve("existing.txt"))).isEqualTo(10001);
      assertThat(mode(request.workspace()))
          .isEqualTo(before)
          .doesNotEndWith("w-")
          .doesNotEndWith("wx");
      assertThat(uid(outside))
          .as("a symlink's target outside the workspace keeps its owner")
          .isZero();
      handle.stop(Duration.ZERO);
    }

    private int uid(Path p) throws Exception {
      return (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private String mode(Path p) throws Exception {
      return PosixFilePermissions.toString(
          Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }
  }
}

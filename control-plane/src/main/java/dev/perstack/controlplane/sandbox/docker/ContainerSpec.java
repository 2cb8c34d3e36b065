package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import dev.perstack.controlplane.sandbox.SandboxRequest;
import dev.perstack.controlplane.socket.JobSocket;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a job's container is created with. Nothing here comes from the expert: the image is
 * the control plane's, the mounts are the job's two directories, and the environment holds only the
 * socket path and the one-time job token.
 */
record ContainerSpec(
    String name,
    String image,
    SandboxUser user,
    List<String> env,
    Map<String, String> labels,
    HostConfig hostConfig,
    List<String> entrypoint) {

  /** Where the workspace appears inside the container. */
  static final String WORKSPACE = "/workspace";

  /** Where the job's socket directory appears inside the container. */
  static final String SOCKET_DIR = "/run/perstack";

  /** Marks every container this runtime creates. */
  static final String LABEL_MANAGED = "dev.perstack.managed";

  /** The job a container runs. */
  static final String LABEL_JOB = "dev.perstack.job";

  /** The control plane ({@link DockerSandboxSettings#owner()}) that started the container. */
  static final String LABEL_OWNER = "dev.perstack.owner";

  static ContainerSpec of(
      SandboxRequest request,
      JobDirectories dirs,
      String image,
      SandboxUser user,
      DockerSandboxSettings settings,
      String name) {
    return agent(
        name,
        request.jobId(),
        image,
        user,
        dirs,
        settings,
        List.of(
            "PERSTACK_SOCKET=" + SOCKET_DIR + "/" + JobSocket.FILE_NAME,
            "PERSTACK_JOB_TOKEN=" + request.jobToken()));
  }

  /**
   * A container that runs the agent's tool listing ({@code perstack install}): the same hardening
   * as a job's container, an empty scratch workspace, no socket, and the request in the
   * environment.
   */
  static ContainerSpec forToolListing(
      String name,
      String image,
      SandboxUser user,
      JobDirectories dirs,
      DockerSandboxSettings settings,
      String requestJson) {
    return agent(
        name,
        name,
        image,
        user,
        dirs,
        settings,
        List.of(
            "PERSTACK_MODE=" + ToolListingRequest.MODE,
            ToolListingRequest.ENV_VARIABLE + "=" + requestJson));
  }

  // Every agent container: this runtime's labels, the workspace, HOME on the tmpfs, the hardening.
  private static ContainerSpec agent(
      String name,
      String job,
      String image,
      SandboxUser user,
      JobDirectories dirs,
      DockerSandboxSettings settings,
      List<String> modeEnv) {
    List<String> env = new ArrayList<>(modeEnv);
    env.add("PERSTACK_WORKSPACE=" + WORKSPACE);
    env.add("PERSTACK_RUNTIME=" + DockerSandboxRuntime.NAME);
    env.add("HOME=/tmp");
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(LABEL_MANAGED, "true");
    labels.put(LABEL_JOB, job);
    labels.put(LABEL_OWNER, settings.owner());
    return new ContainerSpec(
        name,
        image,
        user,
        List.copyOf(env),
        labels,
        hostConfig(dirs, settings),
        settings.command().orElse(List.of()));
  }

  static HostConfig hostConfig(JobDirectories dirs, DockerSandboxSettings settings) {
    BindOptions privateBind = new BindOptions().withPropagation(BindPropagation.R_PRIVATE);
    List<Mount> mounts =
        List.of(
            new Mount()
                .withType(MountType.BIND)
                .withSource(dirs.workspace().toString())
                .withTarget(WORKSPACE)
                .withReadOnly(false)
                .withBindOptions(privateBind),
            // Read-only: the agent can still connect to the socket, but cannot put files there.
            new Mount()
                .withType(MountType.BIND)
                .withSource(dirs.socketDirectory().toString())
                .withTarget(SOCKET_DIR)
                .withReadOnly(true)
                .withBindOptions(privateBind));
    String tmpfs =
        "rw,"
            + (settings.tmpfsExec() ? "exec" : "noexec")
            + ",nosuid,nodev,size="
            + settings.tmpfsBytes()
            + ",mode=1777";
    return HostConfig.newHostConfig()
        .withMounts(mounts)
        .withTmpFs(Map.of("/tmp", tmpfs))
        .withNetworkMode("none")
        .withReadonlyRootfs(true)
        .withCapDrop(Capability.ALL)
        .withSecurityOpts(List.of("no-new-privileges"))
        .withPrivileged(false)
        .withPidsLimit(settings.pidsLimit())
        .withMemory(settings.memoryBytes())
        .withMemorySwap(settings.memoryBytes())
        .withOomKillDisable(false)
        .withNanoCPUs(Math.round(settings.cpus() * 1_000_000_000L))
        .withIpcMode("private")
        .withShmSize(16L << 20)
        // Docker's own init (tini, mounted read-only from the engine) is PID 1: it reaps the
        // orphans of the expert's commands, which would otherwise stay zombies under the JVM and
        // fill the pids limit, and forwards SIGTERM to the agent.
        .withInit(true)
        .withAutoRemove(false)
        .withLogConfig(
            new LogConfig(
                LogConfig.LoggingType.JSON_FILE, Map.of("max-size", "10m", "max-file", "1")));
  }

  CreateContainerCmd command(DockerClient docker) {
    CreateContainerCmd create =
        docker
            .createContainerCmd(image)
            .withName(name)
            .withHostName("sandbox")
            .withUser(user.spec())
            .withEnv(env)
            .withLabels(labels)
            .withWorkingDir(WORKSPACE)
            .withNetworkDisabled(true)
            .withTty(false)
            .withAttachStdin(false)
            .withStdinOpen(false)
            .withStopSignal("SIGTERM")
            .withHostConfig(hostConfig);
    if (!entrypoint.isEmpty()) {
      create.withEntrypoint(entrypoint).withCmd(List.of());
    }
    return create;
  }
}

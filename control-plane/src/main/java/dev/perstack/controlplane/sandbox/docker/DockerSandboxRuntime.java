package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.SandboxHandle;
import dev.perstack.controlplane.sandbox.SandboxRequest;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.protocol.event.DockerContainerStatus.Status;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs each job in a hardened container of its own (see {@link ContainerSpec} for the flags),
 * created from the local sandbox image and removed when it exits. Status changes go to a {@link
 * ContainerStatus.Listener}; a container whose processes run out of memory is stopped and its
 * handle says so; {@link #reap(String)} removes the containers a crashed control plane left.
 */
public final class DockerSandboxRuntime implements SandboxRuntime, AutoCloseable {
  /** The runtime's name, as in {@code perstack.toml} and {@code --runtime}. */
  public static final String NAME = "docker";

  private static final Logger LOG = Logger.getLogger(DockerSandboxRuntime.class.getName());
  private static final Duration LOG_DRAIN = Duration.ofSeconds(5);

  private final DockerClient docker;
  private final SandboxImageSource images;
  private final DockerSandboxSettings settings;
  private final ContainerStatus.Listener listener;
  private final Clock clock;
  private final OomWatch oom;
  private final ExecutorService watchers =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "perstack-docker-watch");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, DockerSandboxHandle> live = new ConcurrentHashMap<>();
  private volatile SandboxUser user;

  public DockerSandboxRuntime(
      DockerClient docker,
      SandboxImageSource images,
      DockerSandboxSettings settings,
      ContainerStatus.Listener listener,
      Clock clock) {
    this.docker = docker;
    this.images = images;
    this.settings = settings;
    this.listener = listener;
    this.clock = clock;
    this.oom = new OomWatch(docker, settings.owner());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean usesImages() {
    return true;
  }

  public DockerSandboxSettings settings() {
    return settings;
  }

  @Override
  public SandboxHandle start(SandboxRequest request) throws SandboxException {
    SandboxUser sandboxUser = sandboxUser();
    String image = request.image().isPresent() ? request.image().get() : images.imageId();
    JobDirectories dirs = JobDirectories.prepare(request, sandboxUser);
    ContainerSpec spec =
        ContainerSpec.of(request, dirs, image, sandboxUser, settings, containerName(request));
    ContainerLog log;
    try {
      log = ContainerLog.open(request.logFile(), settings.logBytes());
    } catch (IOException e) {
      throw new SandboxException(
          "cannot open the job log " + request.logFile() + " (" + e + "); check its directory", e);
    }
    String id;
    try {
      id = spec.command(docker).exec().getId();
    } catch (NotFoundException e) {
      images.forget();
      log.close();
      report(request.jobId(), Optional.empty(), Status.ERROR, "image " + image + " is missing");
      throw new SandboxException(
          "the sandbox image "
              + image
              + " is not in the local Docker engine (it is never pulled); build it with"
              + " `perstack image build`",
          e);
    } catch (RuntimeException e) {
      log.close();
      report(request.jobId(), Optional.empty(), Status.ERROR, "create failed: " + e.getMessage());
      throw new SandboxException(
          "the Docker engine refused to create the container for job "
              + request.jobId()
              + " ("
              + e.getMessage()
              + "); check `docker info` and the engine's log",
          e);
    }
    DockerSandboxHandle handle = new DockerSandboxHandle(docker, request.jobId(), id, image);
    live.put(id, handle);
    report(request.jobId(), Optional.of(id), Status.STARTING, "created from " + image);
    oom.watch(id, cid -> outOfMemory(handle, log));
    try {
      docker.startContainerCmd(id).exec();
    } catch (RuntimeException e) {
      live.remove(id);
      oom.forget(id);
      remove(id);
      log.note("[perstack] the container could not start: " + e.getMessage());
      log.close();
      report(request.jobId(), Optional.of(id), Status.ERROR, "start failed: " + e.getMessage());
      throw new SandboxException(
          "the Docker engine could not start the container for job "
              + request.jobId()
              + " ("
              + e.getMessage()
              + "); check `docker info` and the engine's log",
          e);
    }
    log.follow(docker, id);
    report(request.jobId(), Optional.of(id), Status.RUNNING, "started as " + sandboxUser.spec());
    watchers.submit(() -> awaitExit(handle, log));
    return handle;
  }

  /** Whether the local engine has the image (by id or reference); never pulls. */
  @Override
  public boolean hasImage(String image) {
    try {
      docker.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /**
   * Removes the containers labelled with {@code owner} that no job of this runtime runs: those a
   * crashed control plane of that name left. Returns their jobs' ids.
   */
  @Override
  public List<String> reap(String owner) throws SandboxException {
    List<Container> found;
    try {
      found =
          docker
              .listContainersCmd()
              .withShowAll(true)
              .withLabelFilter(
                  Map.of(ContainerSpec.LABEL_MANAGED, "true", ContainerSpec.LABEL_OWNER, owner))
              .exec();
    } catch (RuntimeException e) {
      throw new SandboxException(
          "cannot list containers to reap (" + e.getMessage() + "); check `docker info`", e);
    }
    List<String> jobs = new ArrayList<>();
    for (Container container : found) {
      if (live.containsKey(container.getId())) {
        continue;
      }
      String job = container.getLabels().getOrDefault(ContainerSpec.LABEL_JOB, "");
      LOG.warning(
          "removing container " + container.getId() + " of job " + job + ", left by a crash");
      remove(container.getId());
      if (!job.isEmpty() && !jobs.contains(job)) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  /** Stops following the engine's events; running containers keep running (and get reaped). */
  @Override
  public void close() {
    oom.close();
    watchers.shutdown();
  }

  private SandboxUser sandboxUser() throws SandboxException {
    SandboxUser chosen = user;
    if (chosen == null) {
      chosen = SandboxUser.forThisProcess(settings.sandboxUid());
      user = chosen;
    }
    return chosen;
  }

  private void outOfMemory(DockerSandboxHandle handle, ContainerLog log) {
    String reason =
        "out of memory: the kernel killed a process in the sandbox for reaching the container's"
            + " memory limit of "
            + (settings.memoryBytes() >> 20)
            + " MiB, so the job was stopped; raise the docker runtime's memory limit if the"
            + " expert needs more";
    if (handle.fail(reason)) {
      log.note("[perstack] " + reason);
      report(handle.jobId(), Optional.of(handle.containerId()), Status.ERROR, reason);
      watchers.submit(() -> handle.stop(settings.stopGrace()));
    }
  }

  private void awaitExit(DockerSandboxHandle handle, ContainerLog log) {
    String id = handle.containerId();
    try {
      int code;
      try {
        code =
            docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode();
      } catch (RuntimeException e) {
        code = exitCodeAfterFailedWait(id, e);
      }
      log.awaitEnd(LOG_DRAIN);
      if (oomKilled(id) && handle.fail(oomAtExit())) {
        log.note("[perstack] " + oomAtExit());
        report(handle.jobId(), Optional.of(id), Status.ERROR, oomAtExit());
      }
      log.note("[perstack] the container exited with code " + code);
      remove(id);
      String ended =
          "exited with code " + code + handle.failure().map(f -> " (" + f + ")").orElse("");
      report(handle.jobId(), Optional.of(id), Status.STOPPED, ended);
      handle.exited(code);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "lost track of container " + id, e);
      report(handle.jobId(), Optional.of(id), Status.ERROR, "lost track: " + e.getMessage());
      handle.lost(e);
    } finally {
      live.remove(id);
      oom.forget(id);
      log.close();
    }
  }

  private String oomAtExit() {
    return "out of memory: the container reached its memory limit of "
        + (settings.memoryBytes() >> 20)
        + " MiB and the kernel killed a process in it; raise the docker runtime's memory limit if"
        + " the expert needs more";
  }

  private int exitCodeAfterFailedWait(String id, RuntimeException cause) {
    InspectContainerResponse.ContainerState state =
        docker.inspectContainerCmd(id).exec().getState();
    if (Boolean.TRUE.equals(state.getRunning())) {
      throw cause;
    }
    Long code = state.getExitCodeLong();
    return code == null ? -1 : code.intValue();
  }

  private boolean oomKilled(String id) {
    try {
      return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getOOMKilled());
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void remove(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException gone) {
      // Already removed.
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "could not remove container " + id + "; remove it by hand", e);
    }
  }

  private void report(String jobId, Optional<String> containerId, Status status, String message) {
    try {
      listener.changed(
          new ContainerStatus(jobId, containerId, status, Optional.of(message), clock.instant()));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "a container status listener failed", e);
    }
  }

  private static String containerName(SandboxRequest request) {
    String job = request.jobId().replaceAll("[^A-Za-z0-9_.-]", "-");
    if (job.length() > 40) {
      job = job.substring(0, 40);
    }
    return "perstack-job-" + job + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}

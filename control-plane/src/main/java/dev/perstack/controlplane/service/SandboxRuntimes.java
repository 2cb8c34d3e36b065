package dev.perstack.controlplane.service;

import dev.perstack.controlplane.orchestration.OwnerLease;
import dev.perstack.controlplane.sandbox.LocalSandboxRuntime;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.SandboxHandle;
import dev.perstack.controlplane.sandbox.SandboxRequest;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.BuiltSandboxImage;
import dev.perstack.controlplane.sandbox.docker.ContainerStatus;
import dev.perstack.controlplane.sandbox.docker.DockerEngine;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.image.ImageBuildSettings;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The runtimes this control plane offers: {@code docker} when an engine answers (the sandbox image
 * is built on first use), and {@code local}.
 */
@Singleton
public class SandboxRuntimes {
  private static final Logger LOG = Logger.getLogger(SandboxRuntimes.class.getName());

  private final Map<String, SandboxRuntime> runtimes = new LinkedHashMap<>();
  private final Optional<DockerSandboxRuntime> docker;
  private volatile ContainerStatus.Listener statusListener = ContainerStatus.Listener.NONE;

  @Inject
  SandboxRuntimes(OwnerLease owner) {
    Optional<DockerSandboxRuntime> engine;
    try {
      var client = DockerEngine.connect();
      engine =
          Optional.of(
              new DockerSandboxRuntime(
                  client,
                  new BuiltSandboxImage(
                      client,
                      ImageBuildSettings.defaults(),
                      progress -> LOG.info("sandbox image: " + progress.format())),
                  // Labelled with this control plane's name, so that reaping stays per owner.
                  DockerSandboxSettings.DEFAULTS.withOwner(owner.name()),
                  status -> statusListener.changed(status),
                  Clock.systemUTC()));
      runtimes.put(DockerSandboxRuntime.NAME, engine.get());
    } catch (SandboxException e) {
      engine = Optional.empty();
      runtimes.put(
          DockerSandboxRuntime.NAME, new Unavailable(DockerSandboxRuntime.NAME, e.getMessage()));
    }
    this.docker = engine;
    runtimes.put("local", new LocalSandboxRuntime());
  }

  /** Where container status changes go (the orchestrator turns them into job events). */
  void onContainerStatus(ContainerStatus.Listener listener) {
    this.statusListener = listener;
  }

  /** Every runtime by name. */
  public Map<String, SandboxRuntime> all() {
    return Map.copyOf(runtimes);
  }

  @PreDestroy
  void close() {
    docker.ifPresent(DockerSandboxRuntime::close);
  }

  /** A runtime that cannot start sandboxes here, saying why at each start. */
  private record Unavailable(String name, String reason) implements SandboxRuntime {
    @Override
    public SandboxHandle start(SandboxRequest request) throws SandboxException {
      throw new SandboxException(
          "the "
              + name
              + " runtime is not available: "
              + reason
              + "; start a Docker engine, or run with --runtime local (no isolation)");
    }

    @Override
    public List<String> reap(String owner) throws SandboxException {
      // The engine may still hold the owner's containers: they are looked for again next start.
      throw new SandboxException(
          "the " + name + " runtime is not available to look for containers: " + reason);
    }
  }
}

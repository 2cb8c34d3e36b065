package dev.perstack.controlplane.sandbox.docker;

import dev.perstack.protocol.event.DockerContainerStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A job's container changed state: {@code starting} (created), {@code running} (started), {@code
 * stopped} (exited and removed) or {@code error} (could not start, or killed for running out of
 * memory; {@code message} says which).
 *
 * @param containerId empty when the container could not even be created
 */
public record ContainerStatus(
    String jobId,
    Optional<String> containerId,
    DockerContainerStatus.Status status,
    Optional<String> message,
    Instant at) {
  /** The {@code service} name these events carry: the job's own sandbox. */
  public static final String SERVICE = "sandbox";

  public ContainerStatus {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(at, "at");
  }

  /**
   * This change as a {@code dockerContainerStatus} event of {@code runId} (use the job id before
   * the agent named its run).
   */
  public DockerContainerStatus toEvent(String runId) {
    return new DockerContainerStatus(
        UUID.randomUUID().toString(), at.toEpochMilli(), jobId, runId, status, SERVICE, message);
  }

  /** Receives a job's container status changes; called on the runtime's threads. */
  @FunctionalInterface
  public interface Listener {
    /** Ignores every change. */
    Listener NONE = change -> {};

    /** Must return quickly and must not throw. */
    void changed(ContainerStatus change);
  }
}

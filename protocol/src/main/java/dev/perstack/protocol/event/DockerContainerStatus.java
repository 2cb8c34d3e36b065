package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import java.util.Optional;

/** A container changed state. */
public record DockerContainerStatus(
    String id,
    long timestamp,
    String jobId,
    String runId,
    Status status,
    String service,
    Optional<String> message)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "dockerContainerStatus";

  public DockerContainerStatus {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(status, "status");
    Require.present(service, "service");
    Require.present(message, "message");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** A container's state; {@link #toString()} is the name on the wire. */
  public enum Status {
    STARTING("starting"),
    RUNNING("running"),
    HEALTHY("healthy"),
    UNHEALTHY("unhealthy"),
    STOPPED("stopped"),
    ERROR("error");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }
}

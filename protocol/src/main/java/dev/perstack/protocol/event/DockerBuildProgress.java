package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import java.util.OptionalDouble;

/**
 * Progress of building or pulling a container image.
 *
 * @param progress how far along, when known
 */
public record DockerBuildProgress(
    String id,
    long timestamp,
    String jobId,
    String runId,
    Stage stage,
    String service,
    String message,
    OptionalDouble progress)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "dockerBuildProgress";

  public DockerBuildProgress {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(stage, "stage");
    Require.present(service, "service");
    Require.present(message, "message");
    Require.present(progress, "progress");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The phase of a build; {@link #toString()} is the name on the wire. */
  public enum Stage {
    PULLING("pulling"),
    BUILDING("building"),
    COMPLETE("complete"),
    ERROR("error");

    private final String wireName;

    Stage(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }
}

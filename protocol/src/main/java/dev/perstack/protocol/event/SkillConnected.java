package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An MCP skill is connected and its tools are known.
 *
 * @param serverInfo what the server said it is
 * @param connectDurationMs spawn plus handshake
 */
public record SkillConnected(
    String id,
    long timestamp,
    String jobId,
    String runId,
    String skillName,
    Optional<ServerInfo> serverInfo,
    OptionalLong connectDurationMs,
    OptionalLong totalDurationMs,
    OptionalLong spawnDurationMs,
    OptionalLong handshakeDurationMs,
    OptionalLong toolDiscoveryDurationMs)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "skillConnected";

  public SkillConnected {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(skillName, "skillName");
    Require.present(serverInfo, "serverInfo");
    Require.nonNegative(connectDurationMs, "connectDurationMs");
    Require.nonNegative(totalDurationMs, "totalDurationMs");
    Require.nonNegative(spawnDurationMs, "spawnDurationMs");
    Require.nonNegative(handshakeDurationMs, "handshakeDurationMs");
    Require.nonNegative(toolDiscoveryDurationMs, "toolDiscoveryDurationMs");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The name and version an MCP server announced. */
  public record ServerInfo(String name, String version) {
    public ServerInfo {
      Require.present(name, "name");
      Require.present(version, "version");
    }
  }
}

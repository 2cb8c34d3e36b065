package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;

/** An MCP skill's connection closed. */
public record SkillDisconnected(
    String id, long timestamp, String jobId, String runId, String skillName)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "skillDisconnected";

  public SkillDisconnected {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(skillName, "skillName");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

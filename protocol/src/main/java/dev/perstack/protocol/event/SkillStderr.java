package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;

/** A line an MCP skill wrote to its standard error. */
public record SkillStderr(
    String id, long timestamp, String jobId, String runId, String skillName, String message)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "skillStderr";

  public SkillStderr {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(skillName, "skillName");
    Require.present(message, "message");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

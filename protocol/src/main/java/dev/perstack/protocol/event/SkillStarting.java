package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import java.util.List;

/** An MCP skill's process is being started. */
public record SkillStarting(
    String id,
    long timestamp,
    String jobId,
    String runId,
    String skillName,
    String command,
    List<String> args)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "skillStarting";

  public SkillStarting {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(skillName, "skillName");
    Require.present(command, "command");
    args = Require.list(args, "args");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

package dev.perstack.protocol.event;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.InputMessage;
import java.util.List;

/**
 * A run began, from a fresh or a resumed checkpoint.
 *
 * @param inputMessages the messages the run starts with
 */
public record StartRun(
    String id,
    String expertKey,
    long timestamp,
    String jobId,
    String runId,
    int stepNumber,
    Checkpoint initialCheckpoint,
    List<InputMessage> inputMessages)
    implements ExpertStateEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "startRun";

  public StartRun {
    EventFields.checkRun(id, expertKey, timestamp, jobId, runId, stepNumber);
    Require.present(initialCheckpoint, "initialCheckpoint");
    inputMessages = Require.list(inputMessages, "inputMessages");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

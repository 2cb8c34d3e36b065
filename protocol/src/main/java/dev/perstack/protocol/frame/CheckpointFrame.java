package dev.perstack.protocol.frame;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.internal.Require;

/** A checkpoint the agent wrote at the end of a step or at a stop. */
public record CheckpointFrame(Checkpoint checkpoint) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "checkpoint";

  public CheckpointFrame {
    Require.present(checkpoint, "checkpoint");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

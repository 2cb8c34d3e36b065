package dev.perstack.protocol.frame;

import dev.perstack.protocol.internal.Require;

/**
 * Tells the peer the sender is alive; either side may send it once the session is open.
 *
 * @param timestamp the sender's clock, in milliseconds since the epoch
 */
public record HeartbeatFrame(long timestamp) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "heartbeat";

  public HeartbeatFrame {
    Require.nonNegative(timestamp, "timestamp");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

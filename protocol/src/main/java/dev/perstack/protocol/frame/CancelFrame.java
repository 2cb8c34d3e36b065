package dev.perstack.protocol.frame;

import dev.perstack.protocol.internal.Require;

/** The control plane asks the agent to stop the job; the agent answers with {@code close}. */
public record CancelFrame(String reason) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "cancel";

  public CancelFrame {
    Require.present(reason, "reason");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

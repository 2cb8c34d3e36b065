package dev.perstack.protocol.frame;

import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.internal.Require;

/** One Perstack event from the agent, exactly as {@code perstack run} would print it. */
public record EventFrame(PerstackEvent event) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "event";

  public EventFrame {
    Require.present(event, "event");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

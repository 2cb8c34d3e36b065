package dev.perstack.protocol.frame;

import dev.perstack.protocol.internal.Require;

/**
 * The sender's last frame; it shuts down its side of the stream afterwards.
 *
 * @param reason such as {@code completed}, {@code cancelled} or an error's message
 */
public record CloseFrame(String reason) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "close";

  public CloseFrame {
    Require.present(reason, "reason");
  }

  @Override
  public String type() {
    return TYPE;
  }
}

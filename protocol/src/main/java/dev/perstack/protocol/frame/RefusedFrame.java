package dev.perstack.protocol.frame;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.internal.Require;

/**
 * The control plane refused the agent; it closes the stream after this frame.
 *
 * @param code why, such as {@code BAD_TOKEN} or {@code VERSION_MISMATCH}
 * @param reason what a person should read
 */
public record RefusedFrame(ProtocolErrorCode code, String reason) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "refused";

  public RefusedFrame {
    Require.present(code, "code");
    Require.present(reason, "reason");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The refusal as the exception the agent throws. */
  public ProtocolException toException() {
    return new ProtocolException(
        code,
        "the control plane refused the agent: " + reason,
        "handshake",
        "start the sandbox again so that it gets a fresh job token and a matching agent");
  }
}

package dev.perstack.protocol.frame;

import dev.perstack.protocol.internal.Require;

/**
 * The agent's first frame: the protocol version it speaks and its one-time job token.
 *
 * @param jobToken the secret the control plane gave this sandbox; good for one handshake
 */
public record HelloFrame(int protocolVersion, String jobToken) implements Frame {
  /** The {@code type} of this frame on the wire. */
  public static final String TYPE = "hello";

  public HelloFrame {
    Require.positive(protocolVersion, "protocolVersion");
    Require.name(jobToken, "jobToken", 1024);
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** Shows everything but the token. */
  @Override
  public String toString() {
    return "HelloFrame[protocolVersion=" + protocolVersion + ", jobToken=<redacted>]";
  }
}

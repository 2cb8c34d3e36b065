package dev.perstack.protocol.frame;

/** The protocol version this code speaks; both sides must agree on it during the handshake. */
public final class ProtocolVersion {
  /** The only version so far. */
  public static final int CURRENT = 1;

  private ProtocolVersion() {}
}

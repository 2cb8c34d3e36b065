package dev.perstack.controlplane.socket;

import dev.perstack.protocol.ProtocolException;
import java.util.Optional;

/**
 * How an agent's session ended.
 *
 * @param closeReason what the agent said in its {@code close} frame, if it sent one
 * @param violation the rule the agent broke, if it broke one (the session was cut off)
 * @param lost why the connection ended without a close, if it did
 */
public record SessionEnd(
    Optional<String> closeReason, Optional<ProtocolException> violation, Optional<String> lost) {

  static SessionEnd closed(String reason) {
    return new SessionEnd(Optional.of(reason), Optional.empty(), Optional.empty());
  }

  static SessionEnd violated(ProtocolException violation) {
    return new SessionEnd(Optional.empty(), Optional.of(violation), Optional.empty());
  }

  static SessionEnd lost(String why) {
    return new SessionEnd(Optional.empty(), Optional.empty(), Optional.of(why));
  }

  /** A sentence for the job's error when the session did not end cleanly. */
  public Optional<String> problem() {
    return violation
        .map(v -> "the sandbox broke the protocol and was cut off: " + v.getMessage())
        .or(() -> lost);
  }
}

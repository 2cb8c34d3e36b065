package dev.perstack.controlplane.gateway;

import dev.perstack.protocol.checkpoint.RunError;
import java.util.Objects;

/**
 * A generation the gateway could not answer, carrying the normalised {@link RunError} the agent
 * receives; the exception message says what failed, where, and how to fix it.
 */
public final class GatewayException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RunError error;
  private final int attempts;

  public GatewayException(RunError error, int attempts, String detail) {
    super(Objects.requireNonNull(detail, "detail"));
    this.error = Objects.requireNonNull(error, "error");
    this.attempts = attempts;
  }

  /** The error as the agent and the checkpoint see it. */
  public RunError error() {
    return error;
  }

  /** How many provider calls were made before giving up (0 when none could be made). */
  public int attempts() {
    return attempts;
  }
}

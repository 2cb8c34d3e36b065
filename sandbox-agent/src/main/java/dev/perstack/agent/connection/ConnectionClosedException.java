package dev.perstack.agent.connection;

import java.io.IOException;

/** The control plane closed the connection, refused the agent, or the socket failed. */
public final class ConnectionClosedException extends IOException {
  private static final long serialVersionUID = 1L;

  public ConnectionClosedException(String message) {
    super(message);
  }

  public ConnectionClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}

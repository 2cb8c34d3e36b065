package dev.perstack.controlplane.lock;

/** {@code perstack install} could not write a lock; the message says what failed and the fix. */
public final class InstallException extends Exception {
  private static final long serialVersionUID = 1L;

  public InstallException(String message) {
    super(message);
  }

  public InstallException(String message, Throwable cause) {
    super(message, cause);
  }
}

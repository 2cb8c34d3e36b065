package dev.perstack.controlplane.sandbox;

/** A sandbox could not be started; the message says what failed and how to fix it. */
public final class SandboxException extends Exception {
  private static final long serialVersionUID = 1L;

  public SandboxException(String message) {
    super(message);
  }

  public SandboxException(String message, Throwable cause) {
    super(message, cause);
  }
}

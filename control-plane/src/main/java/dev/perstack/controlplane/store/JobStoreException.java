package dev.perstack.controlplane.store;

/**
 * A job store could not do what it was asked: the job is unknown or exists already, or the database
 * failed. Nothing of the failed write is kept.
 */
public class JobStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobStoreException(String message) {
    super(message);
  }

  public JobStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.perstack.controlplane.store;

import io.quarkus.narayana.jta.QuarkusTransactionException;
import java.util.function.Supplier;

/** Turns what a failed transaction threw into a {@link JobStoreException} that says what failed. */
final class Transactions {
  private Transactions() {}

  /**
   * Runs {@code transaction} (which commits or rolls back on its own) to do {@code what}.
   *
   * @param writes whether it writes: then its failure says that nothing of it was stored
   */
  static <T> T run(String what, boolean writes, Supplier<T> transaction) {
    try {
      return transaction.get();
    } catch (JobStoreException | IllegalArgumentException e) {
      throw e;
    } catch (QuarkusTransactionException e) {
      if (e.getCause() instanceof JobStoreException known) {
        throw known;
      }
      throw failed(what, writes, e);
    } catch (RuntimeException e) {
      throw failed(what, writes, e);
    }
  }

  static boolean causedBy(Throwable thrown, Class<? extends Throwable> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** What failed, whether anything of it was stored, and what the database said. */
  static JobStoreException failed(String what, boolean writes, Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new JobStoreException(
        "could not "
            + what
            + (writes ? " (nothing of it was stored)" : "")
            + "; the database said: "
            + reason,
        e);
  }
}

package dev.perstack.controlplane.store;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Striped locks that serialise one job's writes inside this JVM. The database still locks the job's
 * row (another process may write too); taking this lock first keeps writers of one job from
 * queueing inside the database, where H2 would time them out.
 */
final class JobLocks {
  private final ReentrantLock[] stripes;

  JobLocks(int stripeCount) {
    stripes = new ReentrantLock[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  /** The lock of {@code jobId}'s stripe, for a write that spans several calls on one thread. */
  ReentrantLock of(String jobId) {
    return stripes[Math.floorMod(jobId.hashCode(), stripes.length)];
  }

  <T> T withLock(String jobId, Supplier<T> work) {
    ReentrantLock lock = of(jobId);
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}

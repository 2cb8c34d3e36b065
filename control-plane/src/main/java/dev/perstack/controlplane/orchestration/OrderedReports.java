package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.socket.JobReporter;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;

/**
 * Stores what the agent reports on a thread of its own, in the order it arrived, so that the
 * socket's reader goes on decoding the next frames while the store writes; a generation request
 * goes to the model once what came before it is stored ({@link #whenStored}). A slow store pushes
 * back on the agent: at most {@code capacity} reports wait. The first failure stops storing; it is
 * thrown at the next report and by {@link #drain()}.
 */
final class OrderedReports implements JobReporter, AutoCloseable {
  private static final Runnable STOP = () -> {};

  private final JobReporter store;
  private final BlockingQueue<Runnable> queue;
  private final Thread writer;
  private volatile RuntimeException failure;

  OrderedReports(JobReporter store, String jobId, int capacity) {
    this.store = store;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::writeInOrder, "perstack-store-" + jobId);
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void event(PerstackEvent event) {
    submit(() -> store.event(event));
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    submit(() -> store.checkpoint(checkpoint));
  }

  /**
   * Runs {@code next} on the store thread once the reports before it are stored (or failed to be:
   * the session then ends at the next report), without making the caller wait.
   */
  @Override
  public void whenStored(Runnable next) {
    enqueue(next);
  }

  /** Waits until everything reported so far is stored; throws the first failure to store. */
  void drain() throws InterruptedException {
    CountDownLatch stored = new CountDownLatch(1);
    queue.put(stored::countDown);
    stored.await();
    throwIfFailed();
  }

  /** Stores what is queued, then stops the writer thread. */
  @Override
  public void close() throws InterruptedException {
    queue.put(STOP);
    writer.join();
  }

  private void submit(Runnable report) {
    enqueue(
        () -> {
          if (failure == null) {
            try {
              report.run();
            } catch (RuntimeException e) {
              failure = e;
            }
          }
        });
  }

  private void enqueue(Runnable task) {
    throwIfFailed();
    try {
      queue.put(task);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing a report to the store", e);
    }
  }

  private void throwIfFailed() {
    RuntimeException failed = failure;
    if (failed != null) {
      throw failed;
    }
  }

  private void writeInOrder() {
    try {
      for (Runnable next = queue.take(); next != STOP; next = queue.take()) {
        next.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

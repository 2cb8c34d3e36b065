package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.ReportWriter;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.socket.JobReporter;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Stores what a job reports on a thread of its own, in the order it arrived, so that the socket's
 * reader goes on decoding the next frames while the store writes; a generation request goes to the
 * model once the checkpoints reported before it are stored ({@link #whenStored}). Each report is
 * written to the store's open write as it is taken, and the write is committed at the first
 * checkpoint (what follows goes in the next one), after {@link #MAX_BATCH} reports, before a drain
 * or close, or when none came within the linger. A slow store pushes back on the agent: at most
 * {@code capacity} reports wait. The first failure stops storing; it is thrown at the next report
 * and by {@link #drain()}.
 */
final class OrderedReports implements JobReporter, AutoCloseable {
  /** The most reports stored in one write. */
  static final int MAX_BATCH = 256;

  private sealed interface Task {}

  private record Store(JobReport report) implements Task {}

  private record Then(Runnable next) implements Task {}

  private record Stop() implements Task {}

  private final ReportWriter store;
  private final BiConsumer<List<JobReport>, List<StoredEvent>> committed;
  private final BlockingQueue<Task> queue;
  private final Thread writer;

  /** What was added to the store's open write, in order. */
  private final List<JobReport> inWrite = new ArrayList<>();

  private final long lingerNanos;
  private volatile RuntimeException failure;
  private boolean closed;

  /** Guards the checkpoint counts and the waiters; never held while waiting for the queue. */
  private final Object checkpoints = new Object();

  private long checkpointsQueued;
  private long checkpointsStored;
  private final Deque<Waiter> waiters = new ArrayDeque<>();

  /** What runs once the first {@code checkpoints} checkpoints are stored, or failed to be. */
  private record Waiter(long checkpoints, Runnable next, Consumer<RuntimeException> failed) {}

  /**
   * @param store writes each report as it is taken from the queue and commits them in batches
   * @param committed told of each committed batch and the events stored in it
   * @param linger how long an open write waits for more reports after an event; a checkpoint, a
   *     {@link #drain()} or a {@link #close()} commits at once
   */
  OrderedReports(
      ReportWriter store,
      BiConsumer<List<JobReport>, List<StoredEvent>> committed,
      String jobId,
      int capacity,
      Duration linger) {
    this.store = store;
    this.committed = committed;
    this.lingerNanos = linger.toNanos();
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::writeInOrder, "perstack-store-" + jobId);
    writer.setDaemon(true);
    writer.start();
  }

  @Override
  public void event(PerstackEvent event) {
    offer(new JobReport.EventReport(event));
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    offer(new JobReport.CheckpointReport(checkpoint));
  }

  /**
   * Queues a report that did not come from the agent (a model exchange, a container's status)
   * behind what is queued; false once the queue is closed, when the caller must store it itself.
   */
  boolean offer(JobReport report) {
    if (!(report instanceof JobReport.CheckpointReport)) {
      return enqueue(new Store(report));
    }
    synchronized (checkpoints) {
      checkpointsQueued++;
    }
    boolean queued = false;
    try {
      queued = enqueue(new Store(report));
      return queued;
    } finally {
      if (!queued) {
        synchronized (checkpoints) {
          checkpointsQueued--;
        }
      }
    }
  }

  /**
   * Runs {@code next} once every checkpoint reported before it is stored, without making the caller
   * wait: at once when they are, else on the store thread right after the write that stored the
   * last of them, before that write's events are published. Events reported after the last
   * checkpoint may still be waiting; they are stored in order all the same. When the write failed,
   * {@code failed} runs instead, and the failure is thrown at the next report.
   */
  @Override
  public void whenStored(Runnable next, Consumer<RuntimeException> failed) {
    throwIfFailed();
    synchronized (checkpoints) {
      if (checkpointsStored < checkpointsQueued) {
        waiters.add(new Waiter(checkpointsQueued, next, failed));
        return;
      }
    }
    next.run();
  }

  /** Waits until everything reported so far is stored; throws the first failure to store. */
  void drain() throws InterruptedException {
    CountDownLatch stored = new CountDownLatch(1);
    if (enqueue(new Then(stored::countDown))) {
      stored.await();
    }
    throwIfFailed();
  }

  /** Stores what is queued, then stops the writer thread; later reports are refused. */
  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      if (!closed) {
        closed = true;
        queue.put(new Stop());
      }
    }
    writer.join();
  }

  private synchronized boolean enqueue(Task task) {
    throwIfFailed();
    if (closed) {
      return false;
    }
    try {
      queue.put(task);
      return true;
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
      boolean running = true;
      while (running) {
        running = writeOneBatch(queue.take());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      store.close();
    }
  }

  /**
   * Writes {@code first} and what follows it, each as it is taken, and commits at the first
   * checkpoint, after {@link #MAX_BATCH} reports, before a {@code drain} or {@code close}, or once
   * the linger since {@code first} is over and nothing more is queued: a step's reports share one
   * commit, and when its checkpoint arrives only that checkpoint and the commit are left to do.
   *
   * @return false once the writer is told to stop
   */
  private boolean writeOneBatch(Task first) throws InterruptedException {
    long deadline = System.nanoTime() + lingerNanos;
    Task task = first;
    while (true) {
      if (task instanceof Store report) {
        add(report.report());
        if (report.report() instanceof JobReport.CheckpointReport || inWrite.size() == MAX_BATCH) {
          // The next model call waits for this checkpoint only: commit it without what follows.
          commit();
          return true;
        }
      } else {
        commit();
        if (task instanceof Then then) {
          runSafely(then.next());
          return true;
        }
        return false;
      }
      long left = deadline - System.nanoTime();
      task = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (task == null) {
        commit();
        return true;
      }
    }
  }

  private void add(JobReport report) {
    inWrite.add(report);
    if (failure == null) {
      try {
        store.add(report);
      } catch (RuntimeException e) {
        failure = e;
      }
    }
  }

  private void commit() {
    if (inWrite.isEmpty()) {
      return;
    }
    List<JobReport> batch = List.copyOf(inWrite);
    inWrite.clear();
    List<StoredEvent> events = null;
    if (failure == null) {
      try {
        events = store.commit();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    long stored = batch.stream().filter(JobReport.CheckpointReport.class::isInstance).count();
    List<Waiter> ready = new ArrayList<>();
    synchronized (checkpoints) {
      checkpointsStored += stored;
      while (!waiters.isEmpty() && waiters.peek().checkpoints() <= checkpointsStored) {
        ready.add(waiters.poll());
      }
    }
    // The model call that waited goes first: publishing is for watchers, and can wait a moment.
    RuntimeException failed = failure;
    for (Waiter waiter : ready) {
      runSafely(failed == null ? waiter.next() : () -> waiter.failed().accept(failed));
    }
    if (events != null) {
      try {
        committed.accept(batch, events);
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        }
      }
    }
  }

  /** Runs what waited for the store; if it throws, the writer goes on and the session ends. */
  private void runSafely(Runnable next) {
    try {
      next.run();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e;
      }
    }
  }
}

package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobReport;
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
import java.util.function.Consumer;

/**
 * Stores what a job reports on a thread of its own, in the order it arrived, so that the socket's
 * reader goes on decoding the next frames while the store writes; the model's answer to a
 * generation request reaches the agent once the checkpoints reported before the request are stored
 * ({@link #whenStored}). Reports that queued up while the store was busy, or that follow an event
 * within the linger, are stored together, in one write that ends with the first checkpoint among
 * them (what follows it goes in the next write). A slow store pushes back on the agent: at most
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

  private final Consumer<List<JobReport>> store;
  private final BlockingQueue<Task> queue;
  private final Thread writer;
  private final long lingerNanos;
  private volatile RuntimeException failure;
  private boolean closed;

  /** Guards the checkpoint counts and the waiters; never held while waiting for the queue. */
  private final Object checkpoints = new Object();

  private long checkpointsQueued;
  private long checkpointsStored;
  private final Deque<Waiter> waiters = new ArrayDeque<>();

  /** What runs once the first {@code checkpoints} checkpoints are stored. */
  private record Waiter(long checkpoints, Runnable next) {}

  /**
   * @param store stores a batch of reports, in order, all or none
   * @param linger how long events wait for more reports to share their write; a checkpoint, a
   *     {@link #drain()} or a {@link #close()} ends the wait at once
   */
  OrderedReports(Consumer<List<JobReport>> store, String jobId, int capacity, Duration linger) {
    this.store = store;
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
   * Runs {@code next} once every checkpoint reported before it is stored (or failed to be: the
   * session then ends at the next report), without making the caller wait: at once when they are,
   * else on the store thread right after the write that stored the last of them. Events reported
   * after the last checkpoint may still be waiting; they are stored in order all the same.
   */
  @Override
  public void whenStored(Runnable next) {
    throwIfFailed();
    synchronized (checkpoints) {
      if (checkpointsStored < checkpointsQueued) {
        waiters.add(new Waiter(checkpointsQueued, next));
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
    Deque<Task> pending = new ArrayDeque<>();
    List<JobReport> batch = new ArrayList<>();
    try {
      boolean running = true;
      while (running) {
        if (pending.isEmpty()) {
          pending.add(queue.take());
        }
        gather(pending);
        running = writeNext(pending, batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Adds what arrives within the linger, until a task that ends a write is among {@code pending}:
   * events need not be durable at once, and a step's reports sharing one commit cost one commit.
   */
  private void gather(Deque<Task> pending) throws InterruptedException {
    boolean ends = pending.stream().anyMatch(OrderedReports::endsWrite);
    long deadline = System.nanoTime() + lingerNanos;
    List<Task> arrived = new ArrayList<>();
    while (!ends && pending.size() < MAX_BATCH) {
      long left = deadline - System.nanoTime();
      Task next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
      if (next == null) {
        return;
      }
      arrived.add(next);
      queue.drainTo(arrived, MAX_BATCH - pending.size() - 1);
      ends = arrived.stream().anyMatch(OrderedReports::endsWrite);
      pending.addAll(arrived);
      arrived.clear();
    }
  }

  private static boolean endsWrite(Task task) {
    return !(task instanceof Store report) || report.report() instanceof JobReport.CheckpointReport;
  }

  /**
   * Writes {@code pending} up to the first task that ends a write, or all of it; what follows waits
   * for the next round.
   *
   * @return false once the writer is told to stop
   */
  private boolean writeNext(Deque<Task> pending, List<JobReport> batch) {
    while (!pending.isEmpty()) {
      Task task = pending.poll();
      if (task instanceof Store report) {
        batch.add(report.report());
        if (endsWrite(task) || batch.size() == MAX_BATCH) {
          // The next model answer waits for this checkpoint only: commit it without what follows.
          break;
        }
        continue;
      }
      storeAll(batch);
      if (task instanceof Then then) {
        runSafely(then.next());
        return true;
      }
      return false;
    }
    storeAll(batch);
    return true;
  }

  private void storeAll(List<JobReport> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (failure == null) {
      try {
        store.accept(List.copyOf(batch));
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    long stored = batch.stream().filter(JobReport.CheckpointReport.class::isInstance).count();
    batch.clear();
    List<Runnable> ready = new ArrayList<>();
    synchronized (checkpoints) {
      checkpointsStored += stored;
      while (!waiters.isEmpty() && waiters.peek().checkpoints() <= checkpointsStored) {
        ready.add(waiters.poll().next());
      }
    }
    ready.forEach(this::runSafely);
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

package dev.perstack.cli;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.orchestration.JobEventBus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints each stored event's JSON on a line, as Perstack's {@code run} does, from a thread of its
 * own: the job's store thread only hands the line over, so a slow terminal or pipe does not hold up
 * storing the job's next reports (nor, through them, its next model call). Lines that wait are
 * written together and flushed once.
 */
final class EventPrinter implements JobEventBus.Subscriber {
  /** How many lines may wait before the job is held up after all. */
  private static final int WAITING_LINES = 4096;

  /** Marks the end of the job: compared by identity. */
  private static final String END = new String("end of job");

  private final PrintWriter out;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(WAITING_LINES);
  private final CountDownLatch printed = new CountDownLatch(1);
  private final AtomicLong linesPrinted = new AtomicLong();

  EventPrinter(PrintWriter out) {
    this.out = out;
    Thread printer = new Thread(this::print, "perstack-print");
    printer.setDaemon(true);
    printer.start();
  }

  @Override
  public void event(StoredEvent event) {
    hand(event.json());
  }

  @Override
  public void finished(JobRecord job) {
    hand(END);
  }

  /**
   * Waits until every event of the finished job is printed, for as long as printing goes on; gives
   * up after five seconds without a line printed (the job's end was never announced).
   */
  void awaitPrinted() throws InterruptedException {
    long before = -1;
    while (!printed.await(5, TimeUnit.SECONDS)) {
      long now = linesPrinted.get();
      if (now == before) {
        return;
      }
      before = now;
    }
  }

  private void hand(String line) {
    try {
      lines.put(line);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void print() {
    List<String> waiting = new ArrayList<>();
    try {
      while (true) {
        waiting.add(lines.take());
        lines.drainTo(waiting);
        for (String line : waiting) {
          if (line == END) {
            out.flush();
            printed.countDown();
            return;
          }
          out.println(line);
          linesPrinted.incrementAndGet();
        }
        out.flush();
        waiting.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package dev.perstack.cli;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.orchestration.JobEventBus;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints each stored event's JSON on a line, as Perstack's {@code run} does, from a thread of its
 * own: the job's store thread only hands the event over, so a slow terminal or pipe does not hold
 * up storing the job's next reports (nor, through them, its next model call), and the event's JSON
 * is joined here rather than there. Lines that wait are written together and flushed once; on the
 * process's standard output they go out as UTF-8 bytes, never through a character encoder.
 */
final class EventPrinter implements JobEventBus.Subscriber {
  /** How many lines may wait before the job is held up after all. */
  private static final int WAITING_LINES = 4096;

  /** Marks the end of the job: compared by identity. */
  private static final StoredEvent END = new StoredEvent("end", 1, "end", 0, "end of job");

  private final LineOutput out;
  private final BlockingQueue<StoredEvent> lines = new LinkedBlockingQueue<>(WAITING_LINES);
  private final CountDownLatch printed = new CountDownLatch(1);
  private final AtomicLong linesPrinted = new AtomicLong();
  private boolean broken;

  /** Prints to {@code out}: as bytes when it is the process's {@link Utf8Stdout}, else as text. */
  EventPrinter(PrintWriter out) {
    this.out =
        out instanceof Utf8Stdout stdout ? LineOutput.bytes(stdout.bytes()) : LineOutput.text(out);
    Thread printer = new Thread(this::print, "perstack-print");
    printer.setDaemon(true);
    printer.start();
  }

  @Override
  public void event(StoredEvent event) {
    hand(event);
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

  private void hand(StoredEvent event) {
    try {
      lines.put(event);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void print() {
    List<StoredEvent> waiting = new ArrayList<>();
    try {
      while (true) {
        waiting.add(lines.take());
        lines.drainTo(waiting);
        for (StoredEvent event : waiting) {
          if (event == END) {
            write(out::flush);
            printed.countDown();
            return;
          }
          write(() -> out.line(event));
          linesPrinted.incrementAndGet();
        }
        write(out::flush);
        waiting.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes unless standard output is gone (a closed pipe): then the rest is taken and dropped, so
   * the job never waits on a printer, and its outcome still goes to stderr and the exit code.
   */
  private void write(Runnable writing) {
    if (broken) {
      return;
    }
    try {
      writing.run();
    } catch (UncheckedIOException e) {
      broken = true;
    }
  }

  /** Where the lines go. */
  private interface LineOutput {
    void line(StoredEvent event);

    void flush();

    static LineOutput text(PrintWriter writer) {
      return new LineOutput() {
        @Override
        public void line(StoredEvent event) {
          writer.println(event.json());
        }

        @Override
        public void flush() {
          writer.flush();
        }
      };
    }

    static LineOutput bytes(OutputStream stream) {
      OutputStream buffered = new BufferedOutputStream(stream, 1 << 16);
      return new LineOutput() {
        @Override
        public void line(StoredEvent event) {
          try {
            event.eventJson().writeUtf8(buffered);
            buffered.write('\n');
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }

        @Override
        public void flush() {
          try {
            buffered.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
    }
  }
}

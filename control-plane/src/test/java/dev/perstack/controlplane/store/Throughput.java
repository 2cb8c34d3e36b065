package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.ContinueToNextStep;
import dev.perstack.protocol.event.PerstackEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Measures how fast a store takes events, as the control plane appends them when they arrive. */
final class Throughput {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private Throughput() {}

  /** What one measurement found. */
  record Result(
      String what,
      String unit,
      long events,
      double seconds,
      double p50Micros,
      double p99Micros,
      double cpuMicrosPerEvent) {
    double perSecond() {
      return events / seconds;
    }

    @Override
    public String toString() {
      return String.format(
          "%s: %,d %s in %.2f s = %,.0f %s/s (p50 %.0f µs, p99 %.0f µs%s)",
          what,
          events,
          unit,
          seconds,
          perSecond(),
          unit,
          p50Micros,
          p99Micros,
          cpuMicrosPerEvent < 0
              ? ""
              : String.format(", writer CPU %.0f µs per event", cpuMicrosPerEvent));
    }
  }

  /** One writer appending small events (skill stderr lines) to one job. */
  static Result smallEvents(JobStore store, int count) {
    JobRecord job = Samples.job();
    store.createJob(job);
    List<PerstackEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      events.add(Samples.stderr(job.id(), i));
    }
    return timed("1 writer, small events", store, job.id(), events);
  }

  /** One writer appending a run's events: conversations in startGeneration and checkpoints. */
  static Result runEvents(JobStore store, int steps) {
    JobRecord job = Samples.job();
    store.createJob(job);
    return timed(
        "1 writer, a " + steps + "-step run's events",
        store,
        job.id(),
        new SampleRun(job.id(), steps, false).events);
  }

  /** {@code writers} jobs at once, each with its own writer. */
  static Result parallelJobs(JobStore store, int writers, int perWriter) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<JobRecord> jobs = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        JobRecord job = Samples.job();
        store.createJob(job);
        jobs.add(job);
      }
      long start = System.nanoTime();
      List<Future<long[]>> done = new ArrayList<>();
      for (JobRecord job : jobs) {
        done.add(
            pool.submit(
                () -> {
                  long[] latencies = new long[perWriter];
                  for (int i = 0; i < perWriter; i++) {
                    long t = System.nanoTime();
                    store.appendEvent(job.id(), Samples.stderr(job.id(), i));
                    latencies[i] = System.nanoTime() - t;
                  }
                  return latencies;
                }));
      }
      long[] all = new long[writers * perWriter];
      int at = 0;
      for (Future<long[]> writer : done) {
        long[] latencies = writer.get();
        System.arraycopy(latencies, 0, all, at, latencies.length);
        at += latencies.length;
      }
      return result(writers + " writers on " + writers + " jobs, small events", all, start, -1);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A run as the control plane stores it: each step's events, then its checkpoint. Reported per
   * step: the store's share of a step's overhead.
   */
  static Result steps(JobStore store, int steps) {
    JobRecord job = Samples.job();
    store.createJob(job);
    SampleRun run = new SampleRun(job.id(), steps, false);
    long[] latencies = new long[steps];
    long start = System.nanoTime();
    long stepStart = start;
    int step = 0;
    for (PerstackEvent event : run.events) {
      store.appendEvent(job.id(), event);
      if (event instanceof ContinueToNextStep || event instanceof CompleteRun) {
        store.putCheckpoint(run.checkpoints.get(step));
        long now = System.nanoTime();
        latencies[step++] = now - stepStart;
        stepStart = now;
      }
    }
    Result timed = result("", latencies, start, -1);
    return new Result(
        "a " + steps + "-step run stored as it arrives, 4 events and a checkpoint a step",
        "steps",
        steps,
        timed.seconds(),
        timed.p50Micros(),
        timed.p99Micros(),
        -1);
  }

  /** Reading a run's events back, conversations put back in, in pages of 100. */
  static Result readBack(JobStore store, int steps) {
    JobRecord job = Samples.job();
    store.createJob(job);
    SampleRun run = new SampleRun(job.id(), steps, false);
    run.events.forEach(e -> store.appendEvent(job.id(), e));
    // Another store on the same database would remember nothing: read it cold, as after a restart.
    long[] latencies = new long[(run.events.size() + 99) / 100];
    long start = System.nanoTime();
    for (int page = 0; page < latencies.length; page++) {
      long t = System.nanoTime();
      store.events(job.id(), page * 100L, 100);
      latencies[page] = System.nanoTime() - t;
    }
    Result pages = result("", latencies, start, -1);
    return new Result(
        "reading a " + steps + "-step run's events back, cold (p50/p99 per page of 100)",
        "events",
        run.events.size(),
        pages.seconds(),
        pages.p50Micros(),
        pages.p99Micros(),
        -1);
  }

  private static Result timed(
      String what, JobStore store, String jobId, List<PerstackEvent> events) {
    long[] latencies = new long[events.size()];
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    for (int i = 0; i < events.size(); i++) {
      long t = System.nanoTime();
      store.appendEvent(jobId, events.get(i));
      latencies[i] = System.nanoTime() - t;
    }
    double cpuPerEvent = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e3 / events.size();
    return result(what, latencies, start, cpuPerEvent);
  }

  private static Result result(String what, long[] latencies, long start, double cpuPerEvent) {
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    return new Result(
        what,
        "events",
        sorted.length,
        seconds,
        sorted[sorted.length / 2] / 1e3,
        sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e3,
        cpuPerEvent);
  }
}

package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): a job of N steps through the orchestrator, the local runtime's agent
 * process and a zero-latency scripted model; prints the per-step overhead of agent, socket, session
 * checks, storage and fan-out, and the rate at which events were stored. Run by {@code
 * bench/control-plane.sh}.
 */
public final class StepOverheadBench {
  private StepOverheadBench() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path home = Files.createTempDirectory("cp-bench");
    OwnerLease lease = OwnerLease.acquire(home);
    // The first job meets a cold control plane (as `perstack run` does); later ones a warm one (as
    // a
    // long-running `perstack serve` does). Every job starts a fresh agent JVM.
    for (int job = 1; job <= jobs; job++) {
      System.out.printf(
          "--- job %d of %d (%s control plane)%n", job, jobs, job == 1 ? "cold" : "warm");
      runJob(steps, home, lease);
    }
  }

  private static void runJob(int steps, Path home, OwnerLease lease) throws Exception {
    Path workspace = Files.createDirectories(home.resolve("ws"));
    Files.writeString(workspace.resolve("notes.txt"), "bench");
    Path config = workspace.resolve("perstack.toml");
    Files.writeString(config, "[experts.\"bench\"]\ninstruction = \"Read the notes.\"\n");
    ScriptedGenerations model = new ScriptedGenerations();
    for (int i = 1; i < steps; i++) {
      model.tool("readTextFile", "{\"path\":\"notes.txt\"}");
    }
    model.text("done");
    ExecutorService pool = Executors.newCachedThreadPool();
    InMemoryJobStore store = new InMemoryJobStore();
    JobOrchestrator orchestrator =
        TestOrchestrators.on(store, model, home, lease).pool(pool).build();
    JobRequest request =
        new JobRequest(
            config,
            "bench",
            Optional.of("go"),
            workspace,
            Optional.of("local"),
            Optional.empty(),
            Optional.of(steps + 5),
            Optional.empty(),
            Optional.empty(),
            false,
            "bench");
    long started = System.nanoTime();
    JobRecord finished = orchestrator.submit(request).finished().get(300, TimeUnit.SECONDS);
    long totalMs = (System.nanoTime() - started) / 1_000_000;
    List<StoredEvent> events = store.events(finished.id(), 0, 100_000);
    List<Long> starts = new ArrayList<>();
    for (StoredEvent e : events) {
      if (e.type().equals("startGeneration")) {
        starts.add(e.timestamp());
      }
    }
    StepGaps gaps = new StepGaps(starts);
    if (System.getenv("BENCH_TRACE") != null) {
      printTrace(events);
    }
    if (System.getenv("BENCH_GAPS") != null) {
      System.out.println("gaps in step order (ms): " + gaps.inOrder());
    }
    long firstToLast = events.get(events.size() - 1).timestamp() - events.get(0).timestamp();
    System.out.printf(
        "job                    %s, %d steps, %d events%n",
        finished.state().wireName(), steps, events.size());
    System.out.printf("whole job              %d ms (agent JVM start included)%n", totalMs);
    System.out.print(gaps.summary(""));
    System.out.printf(
        "events stored          %.0f events/s over the job's life (first to last event)%n",
        events.size() * 1000.0 / Math.max(1, firstToLast));
    pool.shutdownNow();
  }

  /** Each step's events on one line, in ms from the job's first event. */
  private static void printTrace(List<StoredEvent> events) {
    long t0 = events.get(0).timestamp();
    StringBuilder line = new StringBuilder();
    for (StoredEvent e : events) {
      if (e.type().equals("startGeneration")) {
        System.out.println(line);
        line.setLength(0);
      }
      line.append(e.type()).append('@').append(e.timestamp() - t0).append(' ');
    }
    System.out.println(line);
  }
}

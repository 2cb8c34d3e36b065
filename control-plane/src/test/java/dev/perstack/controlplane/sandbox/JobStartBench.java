package dev.perstack.controlplane.sandbox;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/job-start}: the cold start of a job through the docker runtime (submitted → first
 * generation request received by the control plane) against a plain {@code docker run --rm} of the
 * same image (the agent starts, finds no socket and exits), measured alternately in one run.
 *
 * <p>Usage: {@code JobStartBench [ROUNDS]} (default 7, after one warm-up round of each).
 */
public final class JobStartBench {
  private JobStartBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    String image = DockerTestEngine.imageId();
    Path dir = Files.createTempDirectory("perstack-job-start");
    InMemoryJobStore store = new InMemoryJobStore();
    Map<String, Long> phases = new java.util.concurrent.ConcurrentHashMap<>();
    DockerSandboxRuntime runtime =
        DockerTestEngine.runtime(
            DockerSandboxSettings.DEFAULTS.withOwner(DockerTestEngine.uniqueOwner()),
            change -> phases.putIfAbsent(change.status().toString(), System.currentTimeMillis()));
    List<Long> jobs = new ArrayList<>();
    List<Long> plain = new ArrayList<>();
    try (JobHarness h =
        new JobHarness(
            dir,
            store,
            Map.of("docker", runtime),
            JobHarness.settings(Duration.ofSeconds(60)),
            "timeout = 60000",
            Map.of())) {
      for (int i = -1; i < rounds; i++) {
        long p = plainRun(image);
        phases.clear();
        long wallStart = System.currentTimeMillis();
        long j = jobStart(h);
        if (i >= 0) {
          plain.add(p);
          jobs.add(j);
          System.out.printf(
              "round %d: job start %4d ms (created +%d, started +%d, agent's first event +%d),"
                  + " docker run --rm %4d ms%n",
              i + 1,
              j / 1_000_000,
              phases.getOrDefault("starting", 0L) - wallStart,
              phases.getOrDefault("running", 0L) - wallStart,
              firstEventAt(store) - wallStart,
              p / 1_000_000);
        }
      }
    } finally {
      runtime.close();
    }
    double job = median(jobs) / 1e6;
    double run = median(plain) / 1e6;
    System.out.printf(
        "image %s%njob start (submitted -> first generation request), median of %d: %.0f ms%n"
            + "docker run --rm of the same image, median of %d:                %.0f ms%n"
            + "ratio: %.2f (goal <= 1.5)%n",
        image, rounds, job, rounds, run, job / run);
    System.exit(0);
  }

  private static long jobStart(JobHarness h) throws Exception {
    CompletableFuture<Long> firstGeneration = new CompletableFuture<>();
    h.model.text("worker", "Done.");
    h.model.onGeneration(seen -> firstGeneration.complete(seen.atNanos()));
    long submitted = System.nanoTime();
    JobHandle handle = h.submit("docker", "worker");
    long first = firstGeneration.get(120, TimeUnit.SECONDS);
    JobRecord job = JobHarness.await(handle);
    if (job.state() != JobState.COMPLETED) {
      throw new IllegalStateException("the bench job failed: " + job.error().orElse("?"));
    }
    return first - submitted;
  }

  private static long firstEventAt(InMemoryJobStore store) {
    return store
        .latestJob()
        .flatMap(
            job ->
                store.events(job.id(), 0, 1000).stream()
                    .filter(e -> e.type().equals("initializeRuntime"))
                    .findFirst())
        .map(e -> e.timestamp())
        .orElse(0L);
  }

  private static long plainRun(String image) throws Exception {
    long start = System.nanoTime();
    Process p =
        new ProcessBuilder("docker", "run", "--rm", image)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("docker run --rm " + image + " did not end in 120 s");
    }
    return System.nanoTime() - start;
  }

  private static double median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
  }
}

package dev.perstack.controlplane.sandbox;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.orchestration.JobRequest;
import dev.perstack.controlplane.orchestration.OrchestratorSettings;
import dev.perstack.controlplane.orchestration.OwnerLease;
import dev.perstack.controlplane.orchestration.TestOrchestrators;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A control plane for sandbox tests: the real orchestrator with a scripted model, an in-memory
 * store, recording runtimes (by the name a request asks for) and a workspace per job.
 */
final class JobHarness implements AutoCloseable {
  /** The experts of the test definitions; each has its own script queue in the model. */
  static final List<String> EXPERTS = List.of("worker", "attacker", "honest", "hostile");

  final Path dir;
  final InMemoryJobStore store;
  final ScriptedModel model = new ScriptedModel();
  final Map<String, RecordingRuntime> runtimes = new LinkedHashMap<>();
  final JobOrchestrator orchestrator;
  final OwnerLease owner;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final Path config;
  private final AtomicInteger workspaces = new AtomicInteger();

  /**
   * @param settings top-level lines of perstack.toml, e.g. {@code timeout = 1500}
   * @param environment the control plane's process environment (where provider keys live)
   */
  JobHarness(
      Path dir,
      InMemoryJobStore store,
      Map<String, SandboxRuntime> byName,
      OrchestratorSettings orchestration,
      String settings,
      Map<String, String> environment)
      throws IOException {
    this.dir = dir;
    this.store = store;
    byName.forEach(
        (name, runtime) ->
            runtimes.put(
                name, runtime instanceof RecordingRuntime r ? r : new RecordingRuntime(runtime)));
    config = dir.resolve("definitions").resolve("perstack.toml");
    Files.createDirectories(config.getParent());
    StringBuilder toml = new StringBuilder("maxRetries = 0\n").append(settings).append('\n');
    for (String expert : EXPERTS) {
      toml.append("\n[experts.\"")
          .append(expert)
          .append("\"]\ninstruction = \"Do what the user asks.\"\n");
    }
    Files.writeString(config, toml);
    owner = OwnerLease.acquire(dir.resolve("home"));
    orchestrator =
        TestOrchestrators.on(store, model, dir.resolve("home"), owner)
            .runtimes(runtimes)
            .pool(pool)
            .settings(orchestration)
            .environment(environment)
            .build();
  }

  static OrchestratorSettings settings(Duration connectTimeout) {
    return settings(connectTimeout, Duration.ofSeconds(20));
  }

  /**
   * @param exitTimeout how long a sandbox may take to exit after its session ended
   */
  static OrchestratorSettings settings(Duration connectTimeout, Duration exitTimeout) {
    return new OrchestratorSettings(connectTimeout, exitTimeout, Duration.ofSeconds(2));
  }

  /** A fresh, empty workspace. */
  Path workspace() throws IOException {
    return Files.createDirectories(dir.resolve("workspace-" + workspaces.incrementAndGet()));
  }

  JobHandle submit(String runtime, String expert, String query, Path workspace) throws Exception {
    return orchestrator.submit(
        new JobRequest(
            config,
            expert,
            Optional.of(query),
            workspace,
            Optional.of(runtime),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            "test"));
  }

  /** Continues a finished job from its latest checkpoint, in a fresh sandbox. */
  JobHandle continueJob(String jobId, String runtime, String query, Path workspace)
      throws Exception {
    return orchestrator.submit(
        new JobRequest(
            config,
            store.job(jobId).orElseThrow().expertKey(),
            Optional.of(query),
            workspace,
            Optional.of(runtime),
            Optional.empty(),
            Optional.empty(),
            Optional.of(jobId),
            Optional.empty(),
            false,
            "test"));
  }

  JobHandle submit(String runtime, String expert) throws Exception {
    return submit(runtime, expert, "Do it.", workspace());
  }

  static JobRecord await(JobHandle handle) throws Exception {
    return handle.finished().get(180, TimeUnit.SECONDS);
  }

  RecordingRuntime runtime(String name) {
    return runtimes.get(name);
  }

  List<StoredEvent> events(String jobId) {
    return store.events(jobId, 0, 100_000);
  }

  List<String> types(String jobId) {
    return events(jobId).stream().map(StoredEvent::type).toList();
  }

  /** The JSON of every {@code resolveToolResults} event of the job, joined. */
  String toolResults(String jobId) {
    return events(jobId).stream()
        .filter(e -> e.type().equals("resolveToolResults"))
        .map(StoredEvent::json)
        .collect(Collectors.joining("\n"));
  }

  /** Everything stored for the job, as text. */
  String everything(String jobId) {
    return events(jobId).stream().map(StoredEvent::json).collect(Collectors.joining("\n"))
        + "\n"
        + store.job(jobId).map(JobRecord::toString).orElse("");
  }

  Path logFile(String jobId) {
    return dir.resolve("home").resolve("jobs").resolve(jobId).resolve("sandbox.log");
  }

  @Override
  public void close() {
    pool.shutdownNow();
    owner.close();
  }
}

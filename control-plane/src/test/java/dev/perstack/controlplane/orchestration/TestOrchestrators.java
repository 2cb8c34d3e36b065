package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.sandbox.LocalSandboxRuntime;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.controlplane.socket.GenerationHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Builds the orchestrators of tests and benchmarks: what a case cares about is said, the rest (the
 * local runtime, a fresh event bus, the system clock, a minute to connect, no process environment)
 * is the same everywhere.
 */
public final class TestOrchestrators {
  /** The settings tests use unless they say otherwise: a minute for a cold agent JVM to connect. */
  public static final OrchestratorSettings SETTINGS =
      new OrchestratorSettings(
          Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(2));

  private final JobStore store;
  private final GenerationHandler model;
  private final Path home;
  private final OwnerLease owner;
  private Map<String, SandboxRuntime> runtimes = Map.of("local", new LocalSandboxRuntime());
  private ExecutorService pool;
  private JobEventBus bus = new JobEventBus();
  private OrchestratorSettings settings = SETTINGS;
  private Map<String, String> environment = Map.of();

  private TestOrchestrators(JobStore store, GenerationHandler model, Path home, OwnerLease owner) {
    this.store = Objects.requireNonNull(store, "store");
    this.model = Objects.requireNonNull(model, "model");
    this.home = Objects.requireNonNull(home, "home");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** An orchestrator on {@code store} answering generations with {@code model}, owning home. */
  public static TestOrchestrators on(
      JobStore store, GenerationHandler model, Path home, OwnerLease owner) {
    return new TestOrchestrators(store, model, home, owner);
  }

  /** Offers only {@code runtime} (instead of the local one). */
  public TestOrchestrators runtime(SandboxRuntime runtime) {
    return runtimes(Map.of(runtime.name(), runtime));
  }

  public TestOrchestrators runtimes(Map<String, ? extends SandboxRuntime> runtimes) {
    this.runtimes = Map.copyOf(runtimes);
    return this;
  }

  public TestOrchestrators pool(ExecutorService pool) {
    this.pool = pool;
    return this;
  }

  public TestOrchestrators bus(JobEventBus bus) {
    this.bus = bus;
    return this;
  }

  public TestOrchestrators settings(OrchestratorSettings settings) {
    this.settings = settings;
    return this;
  }

  /** The control plane's own environment (provider keys the gateway may read). */
  public TestOrchestrators environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  public JobOrchestrator build() {
    return new JobOrchestrator(
        store,
        bus,
        runtimes,
        model,
        pool != null ? pool : Executors.newCachedThreadPool(),
        home,
        Clock.systemUTC(),
        settings,
        environment,
        owner);
  }
}

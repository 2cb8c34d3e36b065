package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.SandboxHandle;
import dev.perstack.controlplane.sandbox.SandboxRequest;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.controlplane.socket.AgentSession;
import dev.perstack.controlplane.socket.GenerationHandler;
import dev.perstack.controlplane.socket.JobSocket;
import dev.perstack.controlplane.socket.SessionEnd;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.session.JobToken;
import dev.perstack.protocol.transport.Framing;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One job from sandbox start to its end: serves the agent, stores what it reports, and records how
 * the job ended. The job's state comes from its last stored checkpoint, never from what the sandbox
 * merely claims when closing.
 */
final class JobExecution {
  /** How many of the agent's reports may wait for the store before the agent is pushed back. */
  private static final int REPORTS_IN_FLIGHT = 1024;

  /**
   * How long a write of the job's reports stays open for more after its first one, unless a
   * checkpoint commits it first. A step's reports arrive within a few milliseconds, so they share
   * one commit (they took about three without it); subscribers see events about this much later at
   * most.
   */
  private static final Duration STORE_LINGER = Duration.ofMillis(10);

  private final JobRecord submitted;
  private final JobSpec spec;
  private final SandboxRuntime runtime;
  private final JobStore store;
  private final JobEventBus bus;
  private final GenerationHandler generator;
  private final ExecutorService pool;
  private final Path home;
  private final Clock clock;
  private final OrchestratorSettings settings;
  private final AtomicReference<Checkpoint> lastCheckpoint = new AtomicReference<>();
  private volatile AgentSession session;
  private volatile SandboxHandle sandbox;
  private volatile OrderedReports reports;
  private volatile String cancelledBecause;

  JobExecution(
      JobRecord submitted,
      JobSpec spec,
      SandboxRuntime runtime,
      JobStore store,
      JobEventBus bus,
      GenerationHandler generator,
      ExecutorService pool,
      Path home,
      Clock clock,
      OrchestratorSettings settings) {
    this.submitted = submitted;
    this.spec = spec;
    this.runtime = runtime;
    this.store = store;
    this.bus = bus;
    this.generator = generator;
    this.pool = pool;
    this.home = home;
    this.clock = clock;
    this.settings = settings;
  }

  /** Runs the job to its end and returns its final record (also stored and published). */
  JobRecord run(Path workspace) {
    JobRecord finished;
    try {
      finished = serve(workspace);
    } catch (SandboxException | IOException | RuntimeException e) {
      finished = end(JobState.STOPPED_BY_ERROR, Optional.of(e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      finished = end(JobState.STOPPED_BY_ERROR, Optional.of("the control plane stopped the job"));
    }
    store.updateJob(finished);
    bus.finish(finished);
    return finished;
  }

  /** Asks the agent to stop, then stops the sandbox after the grace period. */
  void cancel(String reason) {
    cancelledBecause = reason;
    AgentSession current = session;
    if (current != null) {
      current.cancel(reason);
    }
    SandboxHandle handle = sandbox;
    if (handle != null) {
      pool.submit(() -> handle.stop(settings.stopGrace()));
    }
  }

  /**
   * Stores a report from outside the agent's session (a model exchange, a container's status)
   * behind the job's reports queued before it, or at once when none can be queued.
   */
  void report(JobReport report) {
    OrderedReports queue = reports;
    if (queue == null || !queue.offer(report)) {
      // No session is open: straight to the store, on the caller's thread.
      committed(List.of(report), store.store(spec.jobId(), List.of(report)));
    }
  }

  // After a batch is committed (on the job's store thread, or the caller's when no session is
  // open): what subscribers and the job's end may now rely on.
  private void committed(List<JobReport> batch, List<StoredEvent> stored) {
    for (JobReport report : batch) {
      if (report instanceof JobReport.CheckpointReport c) {
        lastCheckpoint.set(c.checkpoint());
      }
    }
    stored.forEach(bus::publish);
  }

  private JobRecord serve(Path workspace)
      throws SandboxException, IOException, InterruptedException {
    Path jobDir = home.resolve("jobs").resolve(spec.jobId());
    Files.createDirectories(jobDir);
    // Unix socket paths are limited to ~107 bytes: keep them short and outside deep homes.
    Path socketDir =
        settings
            .socketRoot()
            .resolve(UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    JobToken token = JobToken.generate();
    try (JobSocket socket = JobSocket.open(socketDir)) {
      sandbox =
          runtime.start(
              new SandboxRequest(
                  spec.jobId(),
                  socketDir,
                  token.reveal(),
                  workspace,
                  jobDir.resolve("sandbox.log"),
                  // A locked job's record names its image before it starts.
                  submitted.image()));
      sandbox.image().ifPresent(image -> store.updateJob(submitted.withImage(image)));
      Optional<SocketChannel> channel = socket.accept(settings.connectTimeout());
      if (channel.isEmpty()) {
        sandbox.stop(settings.stopGrace());
        return end(
            JobState.STOPPED_BY_ERROR,
            Optional.of(
                "the sandbox agent did not connect within "
                    + settings.connectTimeout().toSeconds()
                    + " s; see "
                    + jobDir.resolve("sandbox.log")));
      }
      try (OrderedReports queue =
          new OrderedReports(
              store.writer(spec.jobId()),
              this::committed,
              spec.jobId(),
              REPORTS_IN_FLIGHT,
              STORE_LINGER)) {
        reports = queue;
        session =
            new AgentSession(
                spec,
                token,
                channel.get(),
                queue,
                generator,
                pool,
                Framing.DEFAULT_MAX_FRAME_BYTES);
        if (cancelledBecause != null) {
          session.cancel(cancelledBecause);
        }
        SessionEnd end = session.run();
        // The job's end is decided from what is stored: all of it, first.
        queue.drain();
        Optional<Integer> exit = awaitExit();
        return end(decide(end, exit), problem(end, exit));
      }
    }
  }

  private Optional<Integer> awaitExit() throws InterruptedException {
    try {
      return Optional.of(
          sandbox.exit().get(settings.exitTimeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      sandbox.stop(settings.stopGrace());
      return Optional.empty();
    }
  }

  private JobState decide(SessionEnd end, Optional<Integer> exit) {
    Checkpoint last = lastCheckpoint.get();
    if (cancelledBecause != null || end.violation().isPresent() || last == null) {
      return JobState.STOPPED_BY_ERROR;
    }
    return switch (last.status()) {
      case COMPLETED -> JobState.COMPLETED;
      case STOPPED_BY_EXCEEDED_MAX_STEPS -> JobState.STOPPED_BY_MAX_STEPS;
      case STOPPED_BY_INTERACTIVE_TOOL -> JobState.STOPPED_BY_INTERACTIVE_TOOL;
      default -> JobState.STOPPED_BY_ERROR;
    };
  }

  private Optional<String> problem(SessionEnd end, Optional<Integer> exit) {
    if (cancelledBecause != null) {
      return Optional.of("cancelled: " + cancelledBecause);
    }
    // What the runtime saw (an OOM kill, say) explains more than a dropped connection.
    Optional<String> sandboxFailure = sandbox == null ? Optional.empty() : sandbox.failure();
    if (sandboxFailure.isPresent()) {
      return sandboxFailure;
    }
    if (end.lost().isPresent()) {
      // Whether the sandbox ended by itself (and how) tells a crash from a dropped connection.
      return Optional.of(
          end.lost().get()
              + "; "
              + exit.map(code -> "the sandbox exited with code " + code)
                  .orElse(
                      "the sandbox did not exit within "
                          + settings.exitTimeout().toSeconds()
                          + " s and was stopped"));
    }
    if (end.problem().isPresent()) {
      return end.problem();
    }
    Checkpoint last = lastCheckpoint.get();
    if (last == null) {
      return Optional.of(
          "the sandbox ended before reporting a checkpoint (exit code "
              + exit.map(String::valueOf).orElse("unknown")
              + ")");
    }
    return last.error().map(e -> e.name() + ": " + e.message());
  }

  private JobRecord end(JobState state, Optional<String> error) {
    JobRecord current = store.job(spec.jobId()).orElse(submitted);
    return current.finish(
        state, clock.instant(), state == JobState.STOPPED_BY_ERROR ? error : Optional.empty());
  }
}

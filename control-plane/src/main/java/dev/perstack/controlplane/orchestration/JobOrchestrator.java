package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.lock.ActiveLock;
import dev.perstack.controlplane.lock.LockGate;
import dev.perstack.controlplane.lock.LockRefusedException;
import dev.perstack.controlplane.lock.LockedJobSpecs;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.controlplane.socket.GenerationHandler;
import dev.perstack.controlplane.spec.JobSpecFactory;
import dev.perstack.controlplane.spec.MissingEnvironmentException;
import dev.perstack.lockfile.config.InvalidConfigException;
import dev.perstack.lockfile.config.LoadOptions;
import dev.perstack.lockfile.config.LoadedConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import dev.perstack.lockfile.config.Severity;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.job.InteractiveToolAnswer;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.message.ToolCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.logging.Logger;

/**
 * Submits, continues and cancels jobs. A submission is checked completely (definitions, the
 * expert's reach, required environment, runtime, what it continues) before anything is stored, so a
 * refused request changes nothing; then the job runs on a thread of its own.
 */
public final class JobOrchestrator {
  private static final Logger LOG = Logger.getLogger(JobOrchestrator.class.getName());

  private final JobStore store;
  private final JobEventBus bus;
  private final Map<String, SandboxRuntime> runtimes;
  private final GenerationHandler generator;
  private final ExecutorService pool;
  private final Path home;
  private final Clock clock;
  private final OrchestratorSettings settings;
  private final Map<String, String> processEnvironment;
  private final OwnerLease owner;
  private final RunningJobs running;

  public JobOrchestrator(
      JobStore store,
      JobEventBus bus,
      Map<String, SandboxRuntime> runtimes,
      GenerationHandler generator,
      ExecutorService pool,
      Path home,
      Clock clock,
      OrchestratorSettings settings,
      Map<String, String> processEnvironment,
      OwnerLease owner) {
    this(
        store,
        bus,
        runtimes,
        generator,
        pool,
        home,
        clock,
        settings,
        processEnvironment,
        owner,
        new RunningJobs());
  }

  /**
   * @param running where this orchestrator keeps its running jobs; shared with the recorder of the
   *     model gateway's exchanges, which stores them in order with each job's reports
   */
  public JobOrchestrator(
      JobStore store,
      JobEventBus bus,
      Map<String, SandboxRuntime> runtimes,
      GenerationHandler generator,
      ExecutorService pool,
      Path home,
      Clock clock,
      OrchestratorSettings settings,
      Map<String, String> processEnvironment,
      OwnerLease owner,
      RunningJobs running) {
    this.running = running;
    this.store = store;
    this.bus = bus;
    this.runtimes = Map.copyOf(runtimes);
    this.generator = generator;
    this.pool = pool;
    this.home = home;
    this.clock = clock;
    this.settings = settings;
    this.processEnvironment = Map.copyOf(processEnvironment);
    this.owner = owner;
  }

  public JobStore store() {
    return store;
  }

  public JobEventBus bus() {
    return bus;
  }

  /** Checks the request, stores the job and starts it. */
  public JobHandle submit(JobRequest request) throws JobRejectedException {
    return submit(request, Optional.empty());
  }

  /**
   * Like {@link #submit(JobRequest)}, with a subscriber registered before the job starts, so that
   * it sees every event.
   */
  public JobHandle submit(JobRequest request, Optional<JobEventBus.Subscriber> follower)
      throws JobRejectedException {
    LoadedConfig loaded = load(request);
    Optional<JobRecord> continued = continuedJob(request);
    Optional<Checkpoint> checkpoint =
        continued.isPresent()
            ? Optional.of(checkpointToResume(request, continued.get()))
            : Optional.empty();
    String jobId = continued.map(JobRecord::id).orElseGet(() -> UUID.randomUUID().toString());
    String expertKey = continued.map(JobRecord::expertKey).orElse(request.expertKey());
    Optional<InteractiveToolAnswer> answer =
        request.interactiveAnswer()
            ? Optional.of(answer(checkpoint.orElseThrow(), request.query().orElseThrow()))
            : Optional.empty();
    SandboxRuntime runtime = runtime(request, loaded);
    Optional<ActiveLock> lock = admitLock(request, loaded, expertKey, runtime);
    JobSpec spec;
    Map<String, String> env;
    try {
      env =
          JobEnvironment.load(
              request.config().toAbsolutePath().getParent(),
              loaded.config().envPath(),
              processEnvironment);
      spec =
          JobSpecFactory.create(
              loaded.config(),
              new JobSpecFactory.Request(
                  jobId,
                  expertKey,
                  answer.isPresent() ? Optional.empty() : request.query(),
                  checkpoint,
                  answer,
                  request.model(),
                  request.maxSteps()),
              env);
    } catch (MissingEnvironmentException e) {
      throw new JobRejectedException(
          JobRejectedException.Kind.MISSING_ENVIRONMENT, e.missing(), List.of());
    }
    if (lock.isPresent()) {
      spec = LockedJobSpecs.apply(spec, lock.get().lock(), lock.get().image().isPresent());
      lock.get().warnings().forEach(LOG::warning);
    }
    JobRecord record =
        new JobRecord(
            jobId,
            expertKey,
            request.query(),
            JobState.RUNNING,
            runtime.name(),
            request.config().toAbsolutePath().toString(),
            digest(request.config()),
            lock.map(ActiveLock::digest),
            lock.flatMap(ActiveLock::image),
            request.submittedBy(),
            continued.map(JobRecord::createdAt).orElse(clock.instant()),
            Optional.empty(),
            Optional.empty(),
            continued.map(JobRecord::id),
            Optional.of(owner.name()));
    try {
      if (continued.isPresent()) {
        store.updateJob(record);
      } else {
        store.createJob(record);
      }
    } catch (RuntimeException e) {
      // Nothing was started; the store's own transaction leaves nothing half-written.
      throw new JobRejectedException(
          JobRejectedException.Kind.STORE_UNAVAILABLE,
          "the job store could not record the job ("
              + e.getMessage()
              + "); nothing was started:"
              + " check the database (perstack.database.*) and submit again");
    }
    follower.ifPresent(f -> bus.subscribe(jobId, f));
    generator.open(
        jobId,
        loaded.config().provider(),
        spec.model(),
        env,
        java.time.Duration.ofMillis(loaded.config().timeoutMillis()));
    JobExecution execution =
        new JobExecution(record, spec, runtime, store, bus, generator, pool, home, clock, settings);
    running.add(jobId, execution);
    CompletableFuture<JobRecord> finished =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return execution.run(request.workspace());
              } finally {
                running.remove(jobId);
                generator.close(jobId);
              }
            },
            pool);
    return new JobHandle(record, finished);
  }

  /**
   * Records an event the control plane itself observed for a running job (such as a container
   * status change), in the job the event names; ignored when that job is not running here.
   */
  public void runtimeEvent(dev.perstack.protocol.event.PerstackEvent event) {
    running.report(new JobReport.EventReport(event));
  }

  /** Cancels a running job; false when it is not running here. */
  public boolean cancel(String jobId, String reason) {
    Optional<JobExecution> execution = running.get(jobId);
    execution.ifPresent(e -> e.cancel(reason));
    return execution.isPresent();
  }

  /**
   * Ends what control planes of this home that are gone (crashed, killed) left: their sandboxes are
   * removed, then their running jobs are marked as ended by error; checkpoints stay, so the jobs
   * can be resumed. Live control planes, this one included, are never touched.
   *
   * @param includingUnowned also end running jobs that have no owner: stored before control planes
   *     recorded one, when {@code serve} ended every running job it found at start
   * @return how many jobs were ended
   */
  public int reapOrphans(boolean includingUnowned) {
    return new OrphanReaper(owner, runtimes.values(), store, clock, running::contains)
        .reap(includingUnowned);
  }

  private LoadedConfig load(JobRequest request) throws JobRejectedException {
    try {
      return PerstackConfigLoader.load(
          request.config(),
          request.config().toString(),
          LoadOptions.DEFAULT.forExpert(expertOf(request)));
    } catch (InvalidConfigException e) {
      List<String> reasons =
          e.problems().stream()
              .filter(p -> p.severity() == Severity.ERROR)
              .map(p -> p.format())
              .toList();
      throw new JobRejectedException(
          JobRejectedException.Kind.INVALID_DEFINITIONS, reasons, e.problems());
    }
  }

  private String expertOf(JobRequest request) {
    return request
        .continueJob()
        .flatMap(store::job)
        .map(JobRecord::expertKey)
        .orElse(request.expertKey());
  }

  private Optional<JobRecord> continuedJob(JobRequest request) throws JobRejectedException {
    if (request.continueJob().isEmpty()) {
      return Optional.empty();
    }
    String id = request.continueJob().get();
    JobRecord job =
        store
            .job(id)
            .orElseThrow(
                () ->
                    new JobRejectedException(
                        JobRejectedException.Kind.NOT_FOUND,
                        "job " + id + " does not exist; list jobs with `perstack jobs`"));
    if (!job.state().finished() || running.contains(id)) {
      throw new JobRejectedException(
          JobRejectedException.Kind.CONFLICT,
          "job " + id + " is still running; wait for it or cancel it first");
    }
    return Optional.of(job);
  }

  private Checkpoint checkpointToResume(JobRequest request, JobRecord job)
      throws JobRejectedException {
    Optional<Checkpoint> checkpoint =
        request.resumeFrom().isPresent()
            ? store.checkpoint(job.id(), request.resumeFrom().get())
            : store.latestCheckpoint(job.id());
    return checkpoint.orElseThrow(
        () ->
            new JobRejectedException(
                JobRejectedException.Kind.NOT_FOUND,
                request
                    .resumeFrom()
                    .map(
                        c ->
                            "checkpoint "
                                + c
                                + " is not a checkpoint of job "
                                + job.id()
                                + "; list them with GET /api/jobs/"
                                + job.id()
                                + "/checkpoints")
                    .orElse("job " + job.id() + " has no checkpoint to continue from")));
  }

  private static InteractiveToolAnswer answer(Checkpoint checkpoint, String text)
      throws JobRejectedException {
    List<ToolCall> pending = checkpoint.pendingToolCalls().orElse(List.of());
    if (pending.isEmpty()) {
      throw new JobRejectedException(
          JobRejectedException.Kind.CONFLICT,
          "checkpoint " + checkpoint.id() + " waits for no interactive tool; continue without -i");
    }
    ToolCall call = pending.get(0);
    return new InteractiveToolAnswer(call.id(), call.toolName(), call.skillName(), text);
  }

  private static Optional<ActiveLock> admitLock(
      JobRequest request, LoadedConfig loaded, String expertKey, SandboxRuntime runtime)
      throws JobRejectedException {
    try {
      return LockGate.admit(
          request.config(), loaded.config(), expertKey, request.locked(), runtime);
    } catch (LockRefusedException e) {
      throw new JobRejectedException(
          JobRejectedException.Kind.LOCK_REFUSED, e.reasons(), List.of());
    }
  }

  private SandboxRuntime runtime(JobRequest request, LoadedConfig loaded)
      throws JobRejectedException {
    String name = request.runtime().orElse(loaded.config().runtime().word());
    SandboxRuntime runtime = runtimes.get(name);
    if (runtime == null) {
      throw new JobRejectedException(
          JobRejectedException.Kind.UNKNOWN_RUNTIME,
          "runtime `"
              + name
              + "` is not available here; use one of "
              + String.join(", ", runtimes.keySet()));
    }
    return runtime;
  }

  private static String digest(Path file) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (IOException | NoSuchAlgorithmException e) {
      return "unavailable";
    }
  }
}

package dev.perstack.controlplane.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ReportWriter;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.sandbox.LocalSandboxRuntime;
import dev.perstack.controlplane.sandbox.SandboxHandle;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.controlplane.store.InMemoryJobStore;
import dev.perstack.controlplane.store.JobStoreException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs through the orchestrator: a real agent process (the local runtime) over a real Unix
 * socket, a scripted model, and the in-memory store.
 */
class JobOrchestratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;
  @TempDir Path workspace;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedGenerations model = new ScriptedGenerations();
  private Path config;

  @BeforeEach
  void writeDefinitions() throws Exception {
    config = workspace.resolve("perstack.toml");
    Files.writeString(
        config,
        """
        [experts."hello"]
        instruction = "Greet the user and write the greeting to greeting.txt."

        [experts."asker"]
        instruction = "Ask a person first."
        [experts."asker".skills.human]
        type = "interactiveSkill"
        [experts."asker".skills.human.tools.ask]
        inputJsonSchema = '{"type":"object","properties":{"question":{"type":"string"}}}'

        [experts."needs-env"]
        instruction = "Use the tracker."
        [experts."needs-env".skills.tracker]
        type = "mcpStdioSkill"
        command = "npx"
        packageName = "tracker-mcp"
        requiredEnv = ["TRACKER_TOKEN"]
        """);
  }

  private final List<OwnerLease> leases = new ArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    leases.forEach(OwnerLease::close);
  }

  /**
   * A control plane's name in {@code home}, held until the test ends (or closed, as by a crash).
   */
  private OwnerLease lease() throws IOException {
    OwnerLease lease = OwnerLease.acquire(home);
    leases.add(lease);
    return lease;
  }

  private JobOrchestrator orchestrator(SandboxRuntime runtime, Duration connectTimeout)
      throws IOException {
    return orchestrator(runtime, connectTimeout, lease());
  }

  private JobOrchestrator orchestrator(
      SandboxRuntime runtime, Duration connectTimeout, OwnerLease owner) {
    return TestOrchestrators.on(store, model, home, owner)
        .runtime(runtime)
        .pool(pool)
        .settings(
            new OrchestratorSettings(connectTimeout, Duration.ofSeconds(15), Duration.ofSeconds(2)))
        .environment(Map.of("OPENAI_API_KEY", "sk-control-plane-only"))
        .build();
  }

  private JobOrchestrator local() throws IOException {
    return orchestrator(new LocalSandboxRuntime(), Duration.ofSeconds(60));
  }

  private JobRequest request(String expert, String query) {
    return new JobRequest(
        config,
        expert,
        Optional.of(query),
        workspace,
        Optional.of("local"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        "test");
  }

  @Nested
  class Running {
    @Test
    void aJobCompletesAndEveryEventIsStoredInOrderAndPublished() throws Exception {
      model
          .tool("writeTextFile", "{\"path\":\"greeting.txt\",\"text\":\"Hello!\"}")
          .text("Done: Hello!");
      List<StoredEvent> published = new ArrayList<>();
      JobEventBus.Subscriber follower =
          new JobEventBus.Subscriber() {
            @Override
            public synchronized void event(StoredEvent e) {
              published.add(e);
            }

            @Override
            public void finished(JobRecord job) {}
          };

      JobHandle handle = local().submit(request("hello", "Say hi"), Optional.of(follower));
      JobRecord finished = handle.finished().get(60, TimeUnit.SECONDS);

      assertThat(finished.state()).as(finished.error().orElse("")).isEqualTo(JobState.COMPLETED);
      assertThat(Files.readString(workspace.resolve("greeting.txt"))).isEqualTo("Hello!");
      List<StoredEvent> stored = store.events(finished.id(), 0, 1000);
      assertThat(stored)
          .extracting(StoredEvent::sequence)
          .containsExactlyElementsOf(
              java.util.stream.LongStream.rangeClosed(1, stored.size()).boxed().toList());
      assertThat(stored)
          .extracting(StoredEvent::type)
          .containsSubsequence(
              "initializeRuntime", "startRun", "callTools", "continueToNextStep", "completeRun");
      synchronized (follower) {
        assertThat(published)
            .extracting(StoredEvent::json)
            .containsExactlyElementsOf(stored.stream().map(StoredEvent::json).toList());
      }
      assertThat(store.checkpoints(finished.id())).hasSize(2);
      assertThat(store.job(finished.id()).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }

    @Test
    void theProviderKeyOfTheControlPlaneNeverReachesTheSandbox() throws Exception {
      model
          .tool(
              "exec",
              "{\"command\":\"sh\",\"args\":[\"-c\",\"env; cat /proc/self/environ\"],\"stdout\":true,\"stderr\":true}")
          .text("done");

      JobRecord finished =
          local().submit(request("hello", "Show env")).finished().get(60, TimeUnit.SECONDS);

      String events =
          String.join(
              "\n", store.events(finished.id(), 0, 1000).stream().map(StoredEvent::json).toList());
      assertThat(events).contains("resolveToolResults").doesNotContain("sk-control-plane-only");
    }

    @Test
    void anInteractiveStopIsContinuedWithTheAnswerInAFreshSandbox() throws Exception {
      model.tool("ask", "{\"question\":\"Which color?\"}");
      JobOrchestrator orchestrator = local();
      JobRecord stopped =
          orchestrator
              .submit(request("asker", "Pick a color"))
              .finished()
              .get(60, TimeUnit.SECONDS);
      assertThat(stopped.state()).isEqualTo(JobState.STOPPED_BY_INTERACTIVE_TOOL);

      model.text("Blue it is.");
      JobRequest answer =
          new JobRequest(
              config,
              "asker",
              Optional.of("Blue"),
              workspace,
              Optional.of("local"),
              Optional.empty(),
              Optional.empty(),
              Optional.of(stopped.id()),
              Optional.empty(),
              true,
              "test");
      JobRecord resumed = orchestrator.submit(answer).finished().get(60, TimeUnit.SECONDS);

      assertThat(resumed.id()).isEqualTo(stopped.id());
      assertThat(resumed.state()).isEqualTo(JobState.COMPLETED);
      String last = model.requests().get(model.requests().size() - 1).messages().toString();
      assertThat(last).contains("Blue");
    }

    @Test
    void cancelStopsARunningJob() throws Exception {
      model.hang();
      JobOrchestrator orchestrator = local();
      JobHandle handle = orchestrator.submit(request("hello", "Wait"));
      assertThat(model.firstRequest.await(60, TimeUnit.SECONDS)).isTrue();

      assertThat(orchestrator.cancel(handle.record().id(), "test")).isTrue();
      JobRecord finished = handle.finished().get(60, TimeUnit.SECONDS);

      assertThat(finished.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(finished.error()).hasValueSatisfying(e -> assertThat(e).contains("cancelled"));
    }

    @Test
    void aSandboxThatNeverConnectsEndsTheJobWithAClearError() throws Exception {
      SandboxRuntime silent =
          new SandboxRuntime() {
            @Override
            public String name() {
              return "local";
            }

            @Override
            public SandboxHandle start(dev.perstack.controlplane.sandbox.SandboxRequest r) {
              CompletableFuture<Integer> never = new CompletableFuture<>();
              return new SandboxHandle() {
                @Override
                public CompletableFuture<Integer> exit() {
                  return never;
                }

                @Override
                public void stop(Duration grace) {
                  never.complete(143);
                }

                @Override
                public Optional<String> image() {
                  return Optional.empty();
                }

                @Override
                public String describe() {
                  return "silent";
                }
              };
            }
          };

      JobRecord finished =
          orchestrator(silent, Duration.ofMillis(300))
              .submit(request("hello", "Hi"))
              .finished()
              .get(30, TimeUnit.SECONDS);

      assertThat(finished.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(finished.error())
          .hasValueSatisfying(e -> assertThat(e).contains("did not connect"));
    }
  }

  /** {@code job} as its control plane left it when it died mid-job: still running. */
  private static JobRecord stillRunning(JobRecord job, Optional<String> owner) {
    return new JobRecord(
        job.id(),
        job.expertKey(),
        job.query(),
        JobState.RUNNING,
        job.runtime(),
        job.configPath(),
        job.configDigest(),
        job.lockDigest(),
        job.image(),
        job.submittedBy(),
        job.createdAt(),
        Optional.empty(),
        Optional.empty(),
        job.continuedFrom(),
        owner);
  }

  private JobRecord runningJob(Optional<String> owner) {
    return new JobRecord(
        java.util.UUID.randomUUID().toString(),
        "hello",
        Optional.of("Hi"),
        JobState.RUNNING,
        "local",
        config.toString(),
        "sha256:0",
        Optional.empty(),
        Optional.empty(),
        "test",
        java.time.Instant.now(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        owner);
  }

  @Nested
  class Restarts {
    @Test
    void aJobLeftRunningByAControlPlaneThatIsGoneIsEndedButStaysResumable() throws Exception {
      model.tool("listDirectory", "{\"path\":\".\"}").text("first");
      OwnerLease crashed = lease();
      JobRecord done =
          orchestrator(new LocalSandboxRuntime(), Duration.ofSeconds(60), crashed)
              .submit(request("hello", "Go"))
              .finished()
              .get(60, TimeUnit.SECONDS);
      // What a control plane that died mid-job leaves behind: the job still marked running, and
      // its lease no longer held (the operating system drops the lock of a process that ends).
      store.updateJob(stillRunning(done, done.owner()));
      crashed.close();
      int checkpoints = store.checkpoints(done.id()).size();

      JobOrchestrator restarted = local();
      assertThat(restarted.reapOrphans(false)).isEqualTo(1);

      JobRecord reaped = store.job(done.id()).orElseThrow();
      assertThat(reaped.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(reaped.error())
          .hasValueSatisfying(
              e ->
                  assertThat(e)
                      .contains(
                          "the control plane stopped while this job ran",
                          "--continue-job " + done.id()));
      assertThat(store.checkpoints(done.id())).hasSize(checkpoints);
      assertThat(home.resolve("owners").resolve(crashed.name() + ".lock"))
          .as("a reaped owner is forgotten")
          .doesNotExist();

      model.text("continued");
      JobRequest again =
          new JobRequest(
              config,
              "hello",
              Optional.of("Go on"),
              workspace,
              Optional.of("local"),
              Optional.empty(),
              Optional.empty(),
              Optional.of(done.id()),
              Optional.empty(),
              false,
              "test");
      JobRecord continued = restarted.submit(again).finished().get(60, TimeUnit.SECONDS);
      assertThat(continued.state()).isEqualTo(JobState.COMPLETED);
      assertThat(continued.owner()).hasValue(leases.get(leases.size() - 1).name());
    }

    @Test
    void aJobOfAControlPlaneThatStillRunsIsLeftAlone() throws Exception {
      OwnerLease alive = lease();
      JobRecord job = runningJob(Optional.of(alive.name()));
      store.createJob(job);

      assertThat(local().reapOrphans(true)).isZero();

      assertThat(store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      assertThat(home.resolve("owners").resolve(alive.name() + ".lock")).exists();
    }

    @Test
    void aJobWithoutAnOwnerIsEndedOnlyWhenUnownedJobsAreAskedFor() throws Exception {
      JobRecord job = runningJob(Optional.empty());
      store.createJob(job);
      JobOrchestrator restarted = local();

      assertThat(restarted.reapOrphans(false)).as("as `run` reaps").isZero();
      assertThat(store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
      assertThat(restarted.reapOrphans(true)).as("as `serve` reaps").isEqualTo(1);
      assertThat(store.job(job.id()).orElseThrow().state()).isEqualTo(JobState.STOPPED_BY_ERROR);
    }

    @Test
    void aStoreThatFailsMidJobEndsItByErrorAndTheModelNeverSeesTheUnstoredStep() throws Exception {
      model
          .tool("writeTextFile", "{\"path\":\"one.txt\",\"text\":\"1\"}")
          .tool("writeTextFile", "{\"path\":\"two.txt\",\"text\":\"2\"}")
          .text("Done.");
      InMemoryJobStore real = new InMemoryJobStore();
      JobStore failing =
          replacing(
              real, "writer", args -> new FailingAtSecondCheckpoint(real.writer((String) args[0])));

      JobRecord finished =
          localOn(failing)
              .submit(request("hello", "Write two"))
              .finished()
              .get(60, TimeUnit.SECONDS);

      assertThat(finished.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(finished.error()).hasValueSatisfying(e -> assertThat(e).contains("went away"));
      // The first step's checkpoint was stored; the second's was not, so the third generation,
      // which would show the model the second step, was never asked for.
      assertThat(real.checkpoints(finished.id())).hasSize(1);
      assertThat(model.requests()).hasSize(2);
      assertThat(workspace.resolve("two.txt")).exists();
    }

    @Test
    void aStoreThatFailsAtSubmitRefusesTheJobAndStartsNothing() throws Exception {
      // A store whose database went away: every write fails.
      JobStore broken =
          replacing(
              new InMemoryJobStore(),
              "createJob",
              args -> {
                throw new IllegalStateException("connection refused");
              });
      JobOrchestrator orchestrator = localOn(broken);

      JobRejectedException e =
          catchThrowableOfType(
              JobRejectedException.class, () -> orchestrator.submit(request("hello", "x")));

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.STORE_UNAVAILABLE);
      assertThat(e.reasons())
          .singleElement()
          .satisfies(r -> assertThat(r).contains("connection refused", "nothing was started"));
      assertThat(broken.jobs(JobQuery.all())).isEmpty();
      assertThat(model.requests()).isEmpty();
    }
  }

  /** A local-runtime orchestrator on {@code store}. */
  private JobOrchestrator localOn(JobStore store) throws IOException {
    return TestOrchestrators.on(store, model, home, lease())
        .pool(pool)
        .settings(OrchestratorSettings.DEFAULTS)
        .build();
  }

  /** What {@code answer} makes of the store method {@code name}'s arguments. */
  private interface Answer {
    Object apply(Object[] args) throws Exception;
  }

  /** {@code real}, with the method {@code name} answered by {@code answer}. */
  private static JobStore replacing(JobStore real, String name, Answer answer) {
    return (JobStore)
        Proxy.newProxyInstance(
            JobStore.class.getClassLoader(),
            new Class<?>[] {JobStore.class},
            (proxy, method, args) ->
                method.getName().equals(name) ? answer.apply(args) : method.invoke(real, args));
  }

  /** A writer whose database goes away while the job's second checkpoint commits. */
  private static final class FailingAtSecondCheckpoint implements ReportWriter {
    private final ReportWriter writer;
    private int checkpoints;

    FailingAtSecondCheckpoint(ReportWriter writer) {
      this.writer = writer;
    }

    @Override
    public void add(JobReport report) {
      if (report instanceof JobReport.CheckpointReport) {
        checkpoints++;
      }
      writer.add(report);
    }

    @Override
    public List<StoredEvent> commit() {
      if (checkpoints < 2) {
        return writer.commit();
      }
      try {
        // Slowly, so that the next generation request waits for this commit.
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      writer.close();
      throw new JobStoreException("the database went away");
    }

    @Override
    public void close() {
      writer.close();
    }
  }

  @Nested
  class Refusals {
    @Test
    void invalidDefinitionsAreRefusedAndNothingIsStored() throws Exception {
      Files.writeString(config, "[experts.\"Bad Key\"]\ninstruction = \"x\"\n");

      JobRejectedException e =
          catchThrowableOfType(
              JobRejectedException.class, () -> local().submit(request("Bad Key", "x")));

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.INVALID_DEFINITIONS);
      assertThat(e.reasons()).anySatisfy(r -> assertThat(r).contains("line 1, column 1"));
      assertThat(store.jobs(dev.perstack.controlplane.jobs.JobQuery.all())).isEmpty();
    }

    @Test
    void aMissingRequiredEnvironmentVariableIsRefusedByName() {
      JobRejectedException e =
          catchThrowableOfType(
              JobRejectedException.class, () -> local().submit(request("needs-env", "x")));

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.MISSING_ENVIRONMENT);
      assertThat(e.reasons())
          .singleElement()
          .satisfies(r -> assertThat(r).contains("TRACKER_TOKEN", "tracker"));
      assertThat(store.jobs(dev.perstack.controlplane.jobs.JobQuery.all())).isEmpty();
    }

    @Test
    void anUnknownRuntimeIsRefused() {
      JobRequest docker =
          new JobRequest(
              config,
              "hello",
              Optional.of("x"),
              workspace,
              Optional.of("podman"),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false,
              "test");

      assertThat(
              catchThrowableOfType(JobRejectedException.class, () -> local().submit(docker)).kind())
          .isEqualTo(JobRejectedException.Kind.UNKNOWN_RUNTIME);
    }

    @Test
    void continuingAnUnknownJobIsRefused() {
      JobRequest ghost =
          new JobRequest(
              config,
              "hello",
              Optional.of("x"),
              workspace,
              Optional.of("local"),
              Optional.empty(),
              Optional.empty(),
              Optional.of("no-such-job"),
              Optional.empty(),
              false,
              "test");

      assertThat(
              catchThrowableOfType(JobRejectedException.class, () -> local().submit(ghost)).kind())
          .isEqualTo(JobRejectedException.Kind.NOT_FOUND);
    }
  }
}

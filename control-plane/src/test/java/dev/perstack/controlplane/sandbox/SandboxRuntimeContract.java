package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every runtime must do, run through the real orchestrator with the real agent and a scripted
 * model: start a job, let its events flow, exit with the agent's codes, stop on cancel, time out,
 * and end by error when the agent never connects or dies mid-step. Subclasses supply the runtime.
 */
abstract class SandboxRuntimeContract {
  static final String SECRET = "sk-test-contract-0123456789";

  @TempDir Path dir;
  final InMemoryJobStore store = new InMemoryJobStore();
  private JobHarness harness;

  /** The runtime under test, running the real agent. */
  abstract SandboxRuntime runtime(InMemoryJobStore store) throws Exception;

  /** The same runtime, but starting something that never connects to the socket. */
  abstract SandboxRuntime neverConnecting(InMemoryJobStore store, Path dir) throws Exception;

  /** Kills the sandbox at once, as a crash would (SIGKILL). */
  abstract void crash(SandboxHandle handle) throws Exception;

  /** The runtime's name, as the agent reports it in {@code initializeRuntime}. */
  abstract String name();

  JobHarness harness(Duration connectTimeout, String settings) throws Exception {
    if (harness == null) {
      harness =
          new JobHarness(
              dir,
              store,
              Map.of(
                  "runtime", runtime(store),
                  "silent", neverConnecting(store, dir),
                  "wrong-token",
                      new RecordingRuntime(
                          runtime(store),
                          r -> RecordingRuntime.withToken(r, "not-the-token-of-this-job"))),
              JobHarness.settings(connectTimeout),
              settings,
              Map.of("OPENAI_API_KEY", SECRET));
    }
    return harness;
  }

  JobHarness harness() throws Exception {
    return harness(Duration.ofSeconds(60), "timeout = 60000");
  }

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
    }
  }

  static int exitOf(JobHarness h, String runtime, String jobId) throws Exception {
    return h.runtime(runtime)
        .handle(jobId)
        .get(10, TimeUnit.SECONDS)
        .exit()
        .get(60, TimeUnit.SECONDS);
  }

  @Nested
  class Start {
    @Test
    void aJobRunsToCompletionAndItsEventsFlowIntoTheStore() throws Exception {
      JobHarness h = harness();
      h.model
          .tool("worker", "writeTextFile", "{\"path\":\"greeting.txt\",\"text\":\"Hello!\"}")
          .text("worker", "Done.");
      Path workspace = h.workspace();

      JobRecord job = JobHarness.await(h.submit("runtime", "worker", "Greet", workspace));

      assertThat(job.state()).as(job.error().orElse("")).isEqualTo(JobState.COMPLETED);
      assertThat(job.runtime()).isEqualTo(name());
      assertThat(Files.readString(workspace.resolve("greeting.txt"))).isEqualTo("Hello!");
      assertThat(h.types(job.id()))
          .containsSubsequence(
              "initializeRuntime",
              "startRun",
              "startGeneration",
              "callTools",
              "resolveToolResults",
              "startGeneration",
              "completeRun");
      assertThat(h.events(job.id()))
          .filteredOn(e -> e.type().equals("initializeRuntime"))
          .singleElement()
          .satisfies(e -> assertThat(e.json()).contains("\"" + name() + "\""));
      assertThat(h.store.latestCheckpoint(job.id())).isPresent();
    }
  }

  @Nested
  class ExitCodes {
    @Test
    void aCompletedJobExitsWithZero() throws Exception {
      JobHarness h = harness();
      h.model.text("worker", "Nothing to do.");

      JobRecord job = JobHarness.await(h.submit("runtime", "worker"));

      assertThat(job.state()).isEqualTo(JobState.COMPLETED);
      assertThat(exitOf(h, "runtime", job.id())).isZero();
    }

    @Test
    void aJobStoppedByAModelErrorExitsWithOne() throws Exception {
      JobHarness h = harness();
      h.model.then("worker", ScriptedModel.failure("BadRequest"));

      JobRecord job = JobHarness.await(h.submit("runtime", "worker"));

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).contains("BadRequest"));
      assertThat(exitOf(h, "runtime", job.id())).isEqualTo(1);
    }

    @Test
    void anAgentWithAWrongTokenIsRefusedAndExitsWithTen() throws Exception {
      JobHarness h = harness();

      JobRecord job = JobHarness.await(h.submit("wrong-token", "worker"));

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).contains("BAD_TOKEN"));
      assertThat(exitOf(h, "wrong-token", job.id())).isEqualTo(10);
      assertThat(h.types(job.id())).doesNotContain("startRun");
    }
  }

  @Nested
  class Cancel {
    @Test
    void cancellingAJobMidGenerationStopsItsSandboxAndEndsItByError() throws Exception {
      JobHarness h = harness();
      CountDownLatch generating = new CountDownLatch(1);
      h.model.then("worker", new ScriptedModel.Hang()).onGeneration(s -> generating.countDown());
      JobHandle handle = h.submit("runtime", "worker");
      assertThat(generating.await(60, TimeUnit.SECONDS)).isTrue();

      assertThat(h.orchestrator.cancel(handle.record().id(), "the user asked")).isTrue();
      JobRecord job = JobHarness.await(handle);

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error()).hasValue("cancelled: the user asked");
      SandboxHandle sandbox = h.runtime("runtime").handle(job.id()).get();
      assertThat(sandbox.exit()).succeedsWithin(Duration.ofSeconds(30));
    }
  }

  @Nested
  class Timeouts {
    @Test
    void aModelThatNeverAnswersRunsIntoTheGenerationTimeout() throws Exception {
      JobHarness h = harness(Duration.ofSeconds(60), "timeout = 1500");
      h.model.then("worker", new ScriptedModel.Hang());

      JobRecord job = JobHarness.await(h.submit("runtime", "worker"));

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(h.everything(job.id())).contains("1500 ms");
      assertThat(exitOf(h, "runtime", job.id())).isEqualTo(1);
    }

    @Test
    void anAgentThatNeverConnectsIsStoppedAfterTheConnectTimeout() throws Exception {
      JobHarness h = harness(Duration.ofSeconds(3), "timeout = 60000");
      long start = System.nanoTime();

      JobRecord job = JobHarness.await(h.submit("silent", "worker"));

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error())
          .hasValueSatisfying(e -> assertThat(e).contains("did not connect within 3 s"));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(h.runtime("silent").handle(job.id()).get().exit())
          .succeedsWithin(Duration.ofSeconds(15));
      assertThat(h.types(job.id())).allMatch("dockerContainerStatus"::equals);
    }
  }

  @Nested
  class Crash {
    @Test
    void anAgentThatDiesMidStepEndsTheJobByErrorAndKeepsItsLastCheckpoint() throws Exception {
      JobHarness h = harness();
      h.model
          .tool("worker", "writeTextFile", "{\"path\":\"a.txt\",\"text\":\"A\"}")
          .then("worker", new ScriptedModel.Hang())
          .onGeneration(
              seen -> {
                if (h.model.seen().size() == 2) {
                  try {
                    crash(h.runtime("runtime").handle(seen.jobId()).get(10, TimeUnit.SECONDS));
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              });

      JobRecord job = JobHarness.await(h.submit("runtime", "worker"));

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).contains("connection"));
      assertThat(exitOf(h, "runtime", job.id())).isEqualTo(137);
      assertThat(h.types(job.id())).contains("resolveToolResults").doesNotContain("completeRun");
      assertThat(h.store.checkpoints(job.id())).isNotEmpty();
    }
  }
}

package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.orchestration.OrchestratorSettings;
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
  private SocketRelays relays;
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
    return harness(JobHarness.settings(connectTimeout), settings);
  }

  JobHarness harness(OrchestratorSettings orchestration, String settings) throws Exception {
    if (harness == null) {
      relays = new SocketRelays(dir.resolve("relays"));
      harness =
          new JobHarness(
              dir,
              store,
              Map.of(
                  "runtime",
                  runtime(store),
                  "silent",
                  neverConnecting(store, dir),
                  "wrong-token",
                  new RecordingRuntime(
                      runtime(store),
                      r -> RecordingRuntime.withToken(r, "not-the-token-of-this-job")),
                  "relayed",
                  new RecordingRuntime(runtime(store), relays::relay)),
              orchestration,
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
      relays.close();
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
      assertThat(job.error())
          .hasValueSatisfying(
              e -> assertThat(e).contains("connection", "the sandbox exited with code 137"));
      assertThat(exitOf(h, "runtime", job.id())).isEqualTo(137);
      assertThat(h.types(job.id())).contains("resolveToolResults").doesNotContain("completeRun");
      assertThat(h.store.checkpoints(job.id())).isNotEmpty();
    }
  }

  @Nested
  class DroppedConnection {
    /**
     * Step 1 writes a file and is checkpointed; when step 2's generation arrives, the connection
     * between control plane and agent is cut in the relay, with the agent's side too or not.
     */
    private JobHandle cutInStepTwo(JobHarness h, Path workspace, boolean agentToo)
        throws Exception {
      h.model
          .tool("worker", "writeTextFile", "{\"path\":\"a.txt\",\"text\":\"A\"}")
          .then("worker", new ScriptedModel.Hang())
          .onGeneration(
              seen -> {
                if (h.model.seen().size() == 2) {
                  relays.cut(seen.jobId(), agentToo);
                }
              });
      return h.submit("relayed", "worker", "Do it.", workspace);
    }

    @Test
    void aConnectionCutMidStepEndsTheJobByErrorEndsTheSandboxAndItResumesFromItsCheckpoint()
        throws Exception {
      JobHarness h = harness();
      Path workspace = h.workspace();
      JobHandle handle = cutInStepTwo(h, workspace, true);
      String jobId = handle.record().id();

      JobRecord job = JobHarness.await(handle);

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error())
          .hasValue(
              "the connection to the sandbox dropped before the agent said goodbye;"
                  + " the sandbox exited with code 11");
      assertThat(exitOf(h, "relayed", jobId)).as("the agent ends itself").isEqualTo(11);
      assertThat(h.store.latestCheckpoint(jobId))
          .hasValueSatisfying(c -> assertThat(c.stepNumber()).isEqualTo(1));

      h.model.text("worker", "Done.");
      JobRecord resumed = JobHarness.await(h.continueJob(jobId, "runtime", "Go on", workspace));

      assertThat(resumed.state()).as(resumed.error().orElse("")).isEqualTo(JobState.COMPLETED);
      assertThat(h.model.seen().get(2).request().toString()).contains("a.txt", "Go on");
    }

    @Test
    void aConnectionThatDiesSilentlyStillGetsTheSandboxStopped() throws Exception {
      JobHarness h =
          harness(
              JobHarness.settings(Duration.ofSeconds(60), Duration.ofSeconds(3)),
              "timeout = 60000");
      JobHandle handle = cutInStepTwo(h, h.workspace(), false);
      String jobId = handle.record().id();

      JobRecord job = JobHarness.await(handle);

      assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(job.error())
          .hasValue(
              "the connection to the sandbox dropped before the agent said goodbye;"
                  + " the sandbox did not exit within 3 s and was stopped");
      assertThat(h.runtime("relayed").handle(jobId).get().exit())
          .as("the agent, which never noticed, is stopped")
          .succeedsWithin(Duration.ofSeconds(30));
      assertThat(h.store.latestCheckpoint(jobId))
          .hasValueSatisfying(c -> assertThat(c.stepNumber()).isEqualTo(1));
    }
  }
}

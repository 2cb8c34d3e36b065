package dev.perstack.controlplane.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.sandbox.LocalSandboxRuntime;
import dev.perstack.controlplane.sandbox.SandboxHandle;
import dev.perstack.controlplane.sandbox.SandboxRequest;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import dev.perstack.controlplane.store.InMemoryJobStore;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import dev.perstack.lockfile.lock.ExpertDefinitions;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedImage;
import dev.perstack.lockfile.lock.LockedProvider;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.protocol.generation.ToolDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs under a perstack.lock, through the orchestrator with a real agent process: tool definitions
 * come from the lock (a skill that cannot even start is never started unless called), the lock's
 * digest is recorded, and a missing, stale or unreadable lock is refused before anything runs.
 */
class LockedJobsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG =
      """
      model = "gpt-test"
      runtime = "local"
      [provider]
      providerName = "openai"

      [experts."tracker-user"]
      instruction = "Look things up in the tracker."
      [experts."tracker-user".skills.tracker]
      type = "mcpStdioSkill"
      command = "node"
      args = ["/nonexistent/tracker-server.js"]
      """;

  @TempDir Path home;
  @TempDir Path workspace;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedGenerations model = new ScriptedGenerations();
  private Path config;
  private Path lockFile;

  @BeforeEach
  void writeDefinitions() throws Exception {
    config = workspace.resolve("perstack.toml");
    lockFile = workspace.resolve("perstack.lock");
    Files.writeString(config, CONFIG);
  }

  private final List<OwnerLease> leases = new java.util.ArrayList<>();

  @AfterEach
  void stop() {
    pool.shutdownNow();
    leases.forEach(OwnerLease::close);
  }

  @Nested
  class WithACurrentLock {
    @Test
    void theModelGetsTheLockedToolsAndNoServerStartsBeforeItsFirstCall() throws Exception {
      writeLock(loadConfig());
      model.text("Nothing to look up.");

      JobRecord finished = run(false);

      assertThat(finished.state()).as(finished.error().orElse("")).isEqualTo(JobState.COMPLETED);
      assertThat(model.requests().get(0).tools())
          .extracting(ToolDefinition::name)
          .contains("lookup");
      assertThat(types(finished)).doesNotContain("skillStarting", "skillConnected");
    }

    @Test
    void theJobRecordsTheDigestOfTheLockItRanUnder() throws Exception {
      writeLock(loadConfig());
      model.text("Done.");

      JobRecord finished = run(false);

      assertThat(finished.lockDigest()).contains(LockFiles.digest(lockFile));
      assertThat(store.job(finished.id()).orElseThrow().lockDigest())
          .contains(LockFiles.digest(lockFile));
    }

    @Test
    void withoutTheLockTheSameSkillMustStartAndCannot() throws Exception {
      model.text("Nothing to look up.");

      JobRecord finished = run(false);

      assertThat(finished.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
      assertThat(finished.lockDigest()).isEmpty();
    }
  }

  @Nested
  class Refused {
    @Test
    void aLockWrittenForAnEarlierDefinitionIsStaleAndNothingIsStored() throws Exception {
      writeLock(loadConfig());
      Files.writeString(config, CONFIG.replace("Look things up", "Look everything up"));

      JobRejectedException e =
          catchThrowableOfType(() -> submit(false), JobRejectedException.class);

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.LOCK_REFUSED);
      assertThat(e.getMessage()).contains("tracker-user").contains("perstack install");
      assertThat(allJobs()).isEmpty();
    }

    @Test
    void aLockWhoseImageIsGoneFromTheRuntimeIsRefused() throws Exception {
      writeLock(
          loadConfig(),
          Optional.of(
              new LockedImage(
                  "perstack-sandbox-skills:0123456789ab",
                  "sha256:" + "a".repeat(64),
                  "sha256:" + "b".repeat(64))));
      SandboxRuntime imagesGone =
          new SandboxRuntime() {
            @Override
            public String name() {
              return "local";
            }

            @Override
            public SandboxHandle start(SandboxRequest request) {
              throw new AssertionError("no sandbox may start for a refused job");
            }

            @Override
            public boolean usesImages() {
              return true;
            }

            @Override
            public boolean hasImage(String image) {
              return false;
            }
          };

      JobRejectedException e =
          catchThrowableOfType(
              () ->
                  orchestrator(imagesGone)
                      .submit(
                          JobRequest.run(config, "tracker-user", "Find PRJ-1", workspace, "test")),
              JobRejectedException.class);

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.LOCK_REFUSED);
      assertThat(e.getMessage())
          .contains("perstack-sandbox-skills:0123456789ab")
          .contains("is gone")
          .contains("perstack install");
      assertThat(allJobs()).isEmpty();
    }

    @Test
    void aRequiredLockThatIsMissingIsRefused() {
      JobRejectedException e = catchThrowableOfType(() -> submit(true), JobRejectedException.class);

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.LOCK_REFUSED);
      assertThat(e.getMessage()).contains("no perstack.lock").contains("perstack install");
      assertThat(allJobs()).isEmpty();
    }

    @Test
    void anUnreadableLockIsRefusedWithWhereItIsWrong() throws Exception {
      Files.writeString(lockFile, "version = 2\nexperts = [\n");

      JobRejectedException e =
          catchThrowableOfType(() -> submit(false), JobRejectedException.class);

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.LOCK_REFUSED);
      assertThat(e.getMessage()).contains("perstack.lock").contains("line");
      assertThat(allJobs()).isEmpty();
    }
  }

  @Nested
  class WithAVersionOneLockFromTheOriginal {
    @Test
    void itsToolDefinitionsAreUsedAndTheJobRuns() throws Exception {
      Files.writeString(
          lockFile,
          """
          version = "1"
          generatedAt = 1764000000000
          configPath = "perstack.toml"

          [experts.tracker-user]
          key = "tracker-user"
          name = "tracker-user"
          version = "1.0.0"
          instruction = "Look things up in the tracker."
          delegates = []
          tags = []

          [[experts.tracker-user.toolDefinitions]]
          skillName = "tracker"
          name = "lookup"
          description = "Look up an issue"

          [experts.tracker-user.toolDefinitions.inputSchema]
          type = "object"
          """);
      model.text("Nothing to look up.");

      JobRecord finished = run(false);

      assertThat(finished.state()).as(finished.error().orElse("")).isEqualTo(JobState.COMPLETED);
      assertThat(model.requests().get(0).tools())
          .extracting(ToolDefinition::name)
          .contains("lookup");
    }

    @Test
    void butItIsNotEnoughWhenTheJobMustRunLocked() throws Exception {
      Files.writeString(
          lockFile,
          "version = \"1\"\ngeneratedAt = 1764000000000\nconfigPath = \"perstack.toml\"\n");

      JobRejectedException e = catchThrowableOfType(() -> submit(true), JobRejectedException.class);

      assertThat(e.kind()).isEqualTo(JobRejectedException.Kind.LOCK_REFUSED);
      assertThat(e.getMessage()).contains("version 1");
    }
  }

  private PerstackConfig loadConfig() throws Exception {
    return PerstackConfigLoader.load(config).config();
  }

  private void writeLock(PerstackConfig loaded) throws Exception {
    writeLock(loaded, Optional.empty());
  }

  private void writeLock(PerstackConfig loaded, Optional<LockedImage> image) throws Exception {
    ExpertDefinition expert = loaded.experts().get("tracker-user");
    ObjectNode schema =
        (ObjectNode)
            JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}");
    LockedExpert locked =
        new LockedExpert(
            "tracker-user",
            ExpertDefinitions.digest(expert),
            ExpertDefinitions.canonical(expert),
            new TreeMap<>(),
            List.of(
                LockedToolDefinition.of(
                    "tracker", "lookup", Optional.of("Look up an issue"), schema)));
    LockFiles.write(
        lockFile,
        new PerstackLock(
            PerstackLock.CURRENT_VERSION,
            Instant.parse("2026-11-26T00:00:00Z"),
            "perstack.toml",
            Optional.of("test"),
            Optional.of(new LockedProvider("openai", Optional.of("gpt-test"))),
            image,
            List.of(),
            Map.of("tracker-user", locked)));
  }

  private JobOrchestrator orchestrator() {
    return orchestrator(new LocalSandboxRuntime());
  }

  private JobOrchestrator orchestrator(SandboxRuntime runtime) {
    return TestOrchestrators.on(store, model, home, lease())
        .runtimes(Map.of("local", runtime))
        .pool(pool)
        .build();
  }

  private OwnerLease lease() {
    try {
      OwnerLease lease = OwnerLease.acquire(home);
      leases.add(lease);
      return lease;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private JobHandle submit(boolean locked) throws JobRejectedException {
    return orchestrator()
        .submit(
            JobRequest.run(config, "tracker-user", "Find PRJ-1", workspace, "test")
                .withLocked(locked));
  }

  private JobRecord run(boolean locked) throws Exception {
    return submit(locked).finished().get(60, TimeUnit.SECONDS);
  }

  private List<String> types(JobRecord job) {
    return store.events(job.id(), 0, 1000).stream().map(StoredEvent::type).toList();
  }

  private List<JobRecord> allJobs() {
    return store.jobs(new JobQuery(Optional.empty(), Optional.empty(), 100, 0));
  }
}

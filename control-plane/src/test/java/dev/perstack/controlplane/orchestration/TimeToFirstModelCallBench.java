package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.store.InMemoryJobStore;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import dev.perstack.lockfile.lock.LockFiles;
import dev.perstack.lockfile.lock.LockedExpert;
import dev.perstack.lockfile.lock.LockedProvider;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.lockfile.lock.PerstackLock;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import dev.perstack.protocol.listing.ToolListing;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): time from submitting a job to the first model request, for an expert with
 * two stdio MCP skills (the npm filesystem and everything servers), without a lock (the agent
 * starts both servers to list their tools first) and with one (tools come from the lock; no server
 * starts before its first call). Local runtime, as the original's benchmark ran outside a
 * container. Run by {@code bench/ttflc.sh}.
 *
 * <p>Arguments: the directory with {@code node_modules} holding both servers, and the rounds.
 */
public final class TimeToFirstModelCallBench {
  private TimeToFirstModelCallBench() {}

  public static void main(String[] args) throws Exception {
    Path modules = Path.of(args[0]).resolve("node_modules/@modelcontextprotocol");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    String node = args.length > 2 ? args[2] : "node";
    Path project = Files.createTempDirectory("ttflc-bench");
    Path config = project.resolve("perstack.toml");
    Files.writeString(
        config,
        """
        model = "gpt-bench"
        runtime = "local"
        [provider]
        providerName = "openai"

        [experts."two-skills"]
        instruction = "Answer."
        [experts."two-skills".skills.files]
        type = "mcpStdioSkill"
        command = "%1$s"
        args = ["%2$s/server-filesystem/dist/index.js", "%3$s"]
        [experts."two-skills".skills.everything]
        type = "mcpStdioSkill"
        command = "%1$s"
        args = ["%2$s/server-everything/dist/index.js", "stdio"]
        """
            .formatted(node, modules, project));
    PerstackConfig loaded = PerstackConfigLoader.load(config).config();
    PerstackLock lock = lockFor(loaded, project);
    Path lockFile = LockFiles.besideConfig(config);
    List<long[]> unlocked = new ArrayList<>();
    List<long[]> locked = new ArrayList<>();
    // One warm-up of each, then alternate so that drift on a shared machine hits both alike.
    for (int round = -1; round < rounds; round++) {
      Files.deleteIfExists(lockFile);
      long[] a = timeToFirstCall(config, project);
      LockFiles.write(lockFile, lock);
      long[] b = timeToFirstCall(config, project);
      if (round >= 0) {
        unlocked.add(a);
        locked.add(b);
      }
    }
    System.out.printf(
        "time to first model call, expert with two stdio skills, %d rounds (ms)%n", rounds);
    System.out.println(" from submit (includes starting the agent's JVM):");
    print("without lock", unlocked.stream().map(t -> t[0]).toList());
    print("with lock", locked.stream().map(t -> t[0]).toList());
    System.out.println(" from the agent's initializeRuntime (the agent is up) to the first call:");
    print("without lock", unlocked.stream().map(t -> t[1]).toList());
    print("with lock", locked.stream().map(t -> t[1]).toList());
  }

  /** Milliseconds from submit, and from the agent's initializeRuntime, to the first call. */
  private static long[] timeToFirstCall(Path config, Path workspace) throws Exception {
    ScriptedGenerations model = new ScriptedGenerations().text("done");
    ExecutorService pool = Executors.newCachedThreadPool();
    try {
      Path home = Files.createTempDirectory("ttflc-home");
      JobOrchestrator orchestrator =
          TestOrchestrators.on(new InMemoryJobStore(), model, home, OwnerLease.acquire(home))
              .pool(pool)
              .build();
      java.util.concurrent.atomic.AtomicLong agentUp = new java.util.concurrent.atomic.AtomicLong();
      JobEventBus.Subscriber initialized =
          new JobEventBus.Subscriber() {
            @Override
            public void event(dev.perstack.controlplane.jobs.StoredEvent e) {
              if (e.type().equals("initializeRuntime")) {
                agentUp.compareAndSet(0, System.nanoTime());
              }
            }

            @Override
            public void finished(JobRecord job) {}
          };
      long start = System.nanoTime();
      JobHandle handle =
          orchestrator.submit(
              JobRequest.run(config, "two-skills", "go", workspace, "bench"),
              Optional.of(initialized));
      if (!model.firstRequest.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no model request within 60 s");
      }
      long now = System.nanoTime();
      long[] elapsed = {(now - start) / 1_000_000, (now - agentUp.get()) / 1_000_000};
      JobRecord finished = handle.finished().get(60, TimeUnit.SECONDS);
      if (!finished.state().wireName().equals("completed")) {
        throw new IllegalStateException("bench job ended " + finished.state() + finished.error());
      }
      return elapsed;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The lock {@code perstack install} would write, with tools listed by the agent's own mode. */
  private static PerstackLock lockFor(PerstackConfig config, Path workspace) throws Exception {
    ExpertDefinition expert = config.experts().get("two-skills");
    List<SkillSpec> skills = new ArrayList<>();
    for (var skill : expert.skills().values()) {
      SkillSpec spec = dev.perstack.controlplane.spec.JobSpecFactory.skill(skill);
      if (spec instanceof McpStdioSkillSpec) {
        skills.add(spec);
      }
    }
    ToolListing listing = listLocally(new ToolListingRequest(skills, Map.of()), workspace);
    List<LockedToolDefinition> tools = new ArrayList<>();
    for (SkillToolDefinition t : listing.tools()) {
      tools.add(LockedToolDefinition.of(t.skillName(), t.name(), t.description(), t.inputSchema()));
    }
    return new PerstackLock(
        PerstackLock.CURRENT_VERSION,
        Instant.now(),
        "perstack.toml",
        Optional.of("bench"),
        Optional.of(new LockedProvider("openai", Optional.of(config.model()))),
        Optional.empty(),
        List.of(),
        Map.of("two-skills", LockedExpert.of(expert, new TreeMap<>(), tools)));
  }

  private static ToolListing listLocally(ToolListingRequest request, Path workspace)
      throws Exception {
    ProtocolCodec codec = ProtocolCodec.create();
    ProcessBuilder agent =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                // Set by bench/ttflc.sh, as for the local runtime.
                System.getProperty("perstack.agent.classpath"),
                "dev.perstack.agent.AgentMain")
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    agent.environment().put("PERSTACK_MODE", ToolListingRequest.MODE);
    agent.environment().put(ToolListingRequest.ENV_VARIABLE, codec.encode(request));
    agent.environment().put("PERSTACK_WORKSPACE", workspace.toString());
    Process process = agent.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("the tool listing failed: exit " + process.exitValue());
    }
    return codec.decode(out.strip(), ToolListing.class);
  }

  private static void print(String label, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    System.out.printf(
        "  %-14s median %5d   min %5d   max %5d   all %s%n",
        label, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), millis);
  }
}

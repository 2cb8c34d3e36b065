package dev.perstack.agent;

import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.RunEvent;
import dev.perstack.protocol.job.JobLimits;
import dev.perstack.protocol.job.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Benchmark (not a test): runs the agent as a separate JVM, with the flags of the sandbox image,
 * through a job of N steps against a zero-latency scripted model over a real Unix socket, and
 * prints the agent's peak RSS and the per-step overhead. Run by {@code bench/agent.sh}.
 */
public final class AgentBench {
  private AgentBench() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    String heap = args.length > 1 ? args[1] : "-Xmx48m";
    Path dir = Files.createTempDirectory("agent-bench");
    Path workspace = Files.createDirectories(dir.resolve("ws"));
    Files.writeString(workspace.resolve("notes.txt"), "bench");
    ScriptedModel model = new ScriptedModel();
    for (int i = 1; i < steps; i++) {
      model.then(
          "bench",
          ScriptedModel.toolCalls(ScriptedModel.call("readTextFile", "{\"path\":\"notes.txt\"}")));
    }
    model.then("bench", ScriptedModel.text("done"));
    JobSpec spec =
        Jobs.job(
            "bench",
            "Read the notes " + steps + " times",
            new JobLimits(steps + 5, 2, 60_000),
            Jobs.expert("bench", List.of()));
    try (FakeControlPlane controlPlane = new FakeControlPlane(dir, spec, model)) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:+UseSerialGC",
                  "-XX:TieredStopAtLevel=1",
                  "-XX:CICompilerCount=1",
                  "-Xss512k",
                  heap,
                  "-XX:MaxMetaspaceSize=64m"));
      String extra = System.getenv().getOrDefault("BENCH_AGENT_JVM_OPTS", "").trim();
      if (!extra.isEmpty()) {
        command.addAll(List.of(extra.split("\\s+")));
      }
      command.addAll(
          List.of("-cp", System.getProperty("java.class.path"), "dev.perstack.agent.AgentMain"));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().clear();
      builder.environment().put("PATH", "/usr/bin:/bin");
      builder.environment().put("PERSTACK_SOCKET", controlPlane.address().getPath().toString());
      builder.environment().put("PERSTACK_JOB_TOKEN", controlPlane.token());
      builder.environment().put("PERSTACK_WORKSPACE", workspace.toString());
      builder.inheritIO();
      long started = System.nanoTime();
      Process agent = builder.start();
      long peakKb = 0;
      while (agent.isAlive()) {
        peakKb = Math.max(peakKb, rssKb(agent.pid()));
        Thread.sleep(5);
      }
      long totalMs = (System.nanoTime() - started) / 1_000_000;
      controlPlane.awaitClose(Duration.ofSeconds(5));
      List<Long> gaps = stepGaps(controlPlane.events());
      Collections.sort(gaps);
      System.out.printf("agent exit code        %d%n", agent.exitValue());
      System.out.printf("steps                  %d%n", steps);
      System.out.printf("events                 %d%n", controlPlane.events().size());
      System.out.printf("peak RSS               %.1f MiB (heap flag %s)%n", peakKb / 1024.0, heap);
      System.out.printf("whole job, JVM start   %d ms%n", totalMs);
      System.out.printf(
          "per-step overhead p50  %d ms, p90 %d ms, max %d ms (startGeneration to next, zero-latency model)%n",
          gaps.get(gaps.size() / 2), gaps.get(gaps.size() * 9 / 10), gaps.get(gaps.size() - 1));
    }
  }

  /** Milliseconds between consecutive startGeneration events: one step of loop overhead. */
  private static List<Long> stepGaps(List<PerstackEvent> events) {
    List<Long> starts = new ArrayList<>();
    for (PerstackEvent e : events) {
      if (e.type().equals("startGeneration") && e instanceof RunEvent run) {
        starts.add(run.timestamp());
      }
    }
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < starts.size(); i++) {
      gaps.add(starts.get(i) - starts.get(i - 1));
    }
    return gaps.isEmpty() ? List.of(0L) : gaps;
  }

  private static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (Exception e) {
      // The process just ended.
    }
    return 0;
  }
}

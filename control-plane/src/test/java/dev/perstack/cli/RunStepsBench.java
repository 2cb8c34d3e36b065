package dev.perstack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.controlplane.orchestration.StepGaps;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): {@code ./perstack run} of an N-step job as a user runs it (a fresh
 * control plane with its H2 store, the model gateway over HTTP to a zero-latency scripted model in
 * OpenAI's streaming wire format, a fresh agent), with the per-step overhead read from the events
 * it prints. Run by {@code bench/run-steps.sh}.
 */
public final class RunStepsBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunStepsBench() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    String runtime = args.length > 1 ? args[1] : "local";
    int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path launcher = Path.of(args.length > 3 ? args[3] : "perstack").toAbsolutePath();
    for (int job = 1; job <= jobs; job++) {
      runJob(steps, runtime, launcher);
    }
  }

  private static void runJob(int steps, String runtime, Path launcher) throws Exception {
    Path project = Files.createTempDirectory("run-steps");
    Path workspace = Files.createDirectories(project.resolve("ws"));
    Files.writeString(workspace.resolve("notes.txt"), "bench");
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      Files.writeString(
          project.resolve("perstack.toml"),
          """
          model = "gpt-bench"
          runtime = "%s"
          [provider]
          providerName = "openai"
          [provider.setting]
          baseUrl = "%s/v1"
          [experts."bench"]
          instruction = "Read the notes."
          """
              .formatted(runtime, model.baseUrl()));
      for (int i = 1; i < steps; i++) {
        model.enqueue(Reply.toolCall("call_" + i, "readTextFile", "{\"path\":\"notes.txt\"}"));
      }
      model.enqueue(Reply.text("done"));
      ProcessBuilder builder =
          new ProcessBuilder(
                  launcher.toString(),
                  "run",
                  "--workspace",
                  workspace.toString(),
                  "--max-steps",
                  String.valueOf(steps + 5),
                  "bench",
                  "go")
              .directory(project.toFile())
              .redirectError(project.resolve("stderr").toFile())
              .redirectOutput(project.resolve("stdout").toFile());
      builder.environment().put("PERSTACK_HOME", project.resolve("home").toString());
      builder.environment().put("OPENAI_API_KEY", "sk-bench");
      long started = System.nanoTime();
      Process run = builder.start();
      if (!run.waitFor(600, TimeUnit.SECONDS)) {
        run.destroyForcibly();
        throw new IllegalStateException("the run did not end in 10 minutes; see " + project);
      }
      long wholeMs = (System.nanoTime() - started) / 1_000_000;
      List<Long> starts = new ArrayList<>();
      int events = 0;
      for (String line : Files.readAllLines(project.resolve("stdout"))) {
        JsonNode event = JSON.readTree(line);
        events++;
        if (event.path("type").asText().equals("startGeneration")) {
          starts.add(event.get("timestamp").asLong());
        }
      }
      if (run.exitValue() != 0 || starts.size() < 2) {
        throw new IllegalStateException(
            "the run exited " + run.exitValue() + "; see " + project.resolve("stderr"));
      }
      report(steps, runtime, events, wholeMs, starts);
    }
  }

  private static void report(
      int steps, String runtime, int events, long wholeMs, List<Long> starts) {
    System.out.printf(
        "perstack run (%s), %d steps, %d events printed, whole command %d ms%n",
        runtime, steps, events, wholeMs);
    System.out.print(new StepGaps(starts).summary("  "));
  }
}

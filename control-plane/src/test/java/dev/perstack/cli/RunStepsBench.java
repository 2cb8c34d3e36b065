package dev.perstack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.controlplane.orchestration.StepGaps;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): {@code ./perstack run} of an N-step job as a user runs it (a fresh
 * control plane with its H2 store, the model gateway over HTTP to a zero-latency scripted model in
 * OpenAI's streaming wire format, or the same answers from a cassette in the control plane's
 * process; a fresh agent), with the per-step overhead read from the events it prints. Run by {@code
 * bench/run-steps.sh}.
 */
public final class RunStepsBench {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunStepsBench() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    String runtime = args.length > 1 ? args[1] : "local";
    int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path launcher = Path.of(args.length > 3 ? args[3] : "perstack").toAbsolutePath();
    String model = args.length > 4 ? args[4] : "http";
    if (!model.equals("http") && !model.equals("cassette")) {
      throw new IllegalArgumentException("the model is http or cassette, not " + model);
    }
    for (int job = 1; job <= jobs; job++) {
      runJob(steps, runtime, launcher, model);
    }
  }

  private static void runJob(int steps, String runtime, Path launcher, String model)
      throws Exception {
    Path project = Files.createTempDirectory("run-steps");
    Path workspace = project.resolve("ws");
    try (ScriptedModelServer server = ScriptedModelServer.start()) {
      writeBenchProject(project, runtime, server);
      List<String> command =
          new ArrayList<>(
              List.of(
                  launcher.toString(),
                  "run",
                  "--workspace",
                  workspace.toString(),
                  "--max-steps",
                  String.valueOf(steps + 5)));
      if (model.equals("cassette")) {
        command.addAll(List.of("--model-cassette", cassette(project, steps).toString()));
      } else {
        enqueueSteps(server, steps);
      }
      command.addAll(List.of("bench", "go"));
      ProcessBuilder builder =
          new ProcessBuilder(command)
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
      report(steps, runtime + ", " + model + " model", events, wholeMs, starts);
      if (model.equals("http")) {
        System.out.print(modelServerShare(server.handlingTimes(), starts));
      }
    }
  }

  /**
   * The scripted server's own time per request (reading a request that grows with the conversation,
   * answering it) is the model's latency, not the control plane's: printed apart, and taken off the
   * steps' mean. Step i's gap (from its startGeneration to the next) holds request i.
   */
  static String modelServerShare(List<Duration> served, List<Long> starts) {
    int from = StepGaps.WARM_UP_STEPS;
    int to = Math.min(served.size(), starts.size() - 1);
    if (to <= from) {
      return "";
    }
    List<Double> millis = new ArrayList<>();
    for (Duration time : served.subList(from, to)) {
      millis.add(time.toNanos() / 1e6);
    }
    double servedMean = millis.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double stepMean = (double) (starts.get(to) - starts.get(from)) / (to - from);
    Collections.sort(millis);
    return String.format(
        "    model server        p50 %.2f ms, mean %.2f ms per request after step %d (the model's"
            + " own time: it reads the whole conversation)%n"
            + "    without it          mean %.2f ms per step after step %d%n",
        millis.get(millis.size() / 2), servedMean, from, stepMean - servedMean, from);
  }

  /**
   * The bench expert's perstack.toml in {@code project} (OpenAI's wire format to {@code server})
   * and the notes.txt it reads in {@code project}/ws.
   */
  static void writeBenchProject(Path project, String runtime, ScriptedModelServer server)
      throws IOException {
    Files.createDirectories(project.resolve("ws"));
    Files.writeString(project.resolve("ws").resolve("notes.txt"), "bench");
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
            .formatted(runtime, server.baseUrl()));
  }

  /** The replies of an N-step job: a file read each step, then a final answer. */
  static void enqueueSteps(ScriptedModelServer server, int steps) {
    for (int i = 1; i < steps; i++) {
      server.enqueue(Reply.toolCall("call_" + i, "readTextFile", "{\"path\":\"notes.txt\"}"));
    }
    server.enqueue(Reply.text("done"));
  }

  /** A cassette of the same answers: the model in the control plane's process, no HTTP. */
  private static Path cassette(Path project, int steps) throws Exception {
    List<String> lines = new ArrayList<>();
    String usage =
        "\"usage\":{\"inputTokens\":100,\"outputTokens\":10,\"reasoningTokens\":0,"
            + "\"totalTokens\":110,\"cachedInputTokens\":0}";
    for (int i = 1; i < steps; i++) {
      lines.add(
          "{\"response\":{\"contents\":[{\"type\":\"toolCallPart\",\"id\":\"p-"
              + i
              + "\",\"toolCallId\":\"call_"
              + i
              + "\",\"toolName\":\"readTextFile\",\"args\":{\"path\":\"notes.txt\"}}],"
              + "\"finishReason\":\"tool-calls\","
              + usage
              + "}}");
    }
    lines.add(
        "{\"response\":{\"contents\":[{\"type\":\"textPart\",\"id\":\"p-end\","
            + "\"text\":\"done\"}],\"finishReason\":\"stop\","
            + usage
            + "}}");
    return Files.write(project.resolve("cassette.jsonl"), lines);
  }

  private static void report(
      int steps, String runtime, int events, long wholeMs, List<Long> starts) {
    System.out.printf(
        "perstack run (%s), %d steps, %d events printed, whole command %d ms%n",
        runtime, steps, events, wholeMs);
    System.out.print(new StepGaps(starts).summary("  "));
  }
}

package dev.perstack.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.controlplane.orchestration.StepGaps;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): N-step jobs submitted one after another to a running {@code ./perstack
 * serve} (its H2 store, its JIT warm after the first job) over the REST API and followed over SSE,
 * each in a fresh agent (local runtime) against a zero-latency scripted model behind the OpenAI
 * wire format; prints each job's per-step overhead and the scripted server's own share. Run by
 * {@code bench/serve-steps.sh}.
 */
public final class ServeStepsBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ServeStepsBench() {}

  public static void main(String[] args) throws Exception {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    Path launcher = Path.of(args.length > 2 ? args[2] : "perstack").toAbsolutePath();
    Path project = Files.createTempDirectory("serve-steps");
    int port = freePort();
    try (ScriptedModelServer model = ScriptedModelServer.start()) {
      RunStepsBench.writeBenchProject(project, "local", model);
      ProcessBuilder builder =
          new ProcessBuilder(launcher.toString(), "serve")
              .directory(project.toFile())
              .redirectErrorStream(true)
              .redirectOutput(project.resolve("serve.log").toFile());
      builder.environment().put("PERSTACK_HOME", project.resolve("home").toString());
      builder.environment().put("PERSTACK_PORT", String.valueOf(port));
      builder.environment().put("OPENAI_API_KEY", "sk-bench");
      Process serve = builder.start();
      try {
        String base = "http://127.0.0.1:" + port;
        awaitReady(base, serve, project);
        String token = apiToken(base, project.resolve("home").resolve("api-token"));
        for (int job = 1; job <= jobs; job++) {
          int servedBefore = model.handlingTimes().size();
          RunStepsBench.enqueueSteps(model, steps);
          long started = System.nanoTime();
          List<Long> starts = runJob(base, token, steps);
          long wholeMs = (System.nanoTime() - started) / 1_000_000;
          System.out.printf(
              "perstack serve, job %d of %d (%s control plane), %d steps, %d ms from submit to"
                  + " end%n",
              job, jobs, job == 1 ? "cold" : "warm", steps, wholeMs);
          System.out.print(new StepGaps(starts).summary("  "));
          List<Duration> served = model.handlingTimes();
          System.out.print(
              RunStepsBench.modelServerShare(served.subList(servedBefore, served.size()), starts));
        }
      } finally {
        serve.destroy();
        if (!serve.waitFor(30, TimeUnit.SECONDS)) {
          serve.destroyForcibly();
        }
      }
    }
  }

  /** Submits one job and follows its events over SSE to the end: its steps' start times. */
  private static List<Long> runJob(String base, String token, int steps) throws Exception {
    ObjectNode body =
        JSON.createObjectNode()
            .put("expert", "bench")
            .put("query", "go")
            .put("config", "perstack.toml")
            .put("workspace", "ws")
            .put("runtime", "local")
            .put("maxSteps", steps + 5);
    HttpResponse<String> submitted =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (submitted.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "submit answered " + submitted.statusCode() + ": " + submitted.body());
    }
    String id = JSON.readTree(submitted.body()).get("id").asText();
    HttpResponse<InputStream> events =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/jobs/" + id + "/events"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    List<Long> starts = new ArrayList<>();
    String lastType = "";
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals("event: end")) {
          break;
        }
        // Only a step's first event is read whole: the others carry the conversation.
        if (line.startsWith("data:") && line.contains("\"type\":\"startGeneration\"")) {
          JsonNode event = JSON.readTree(line.substring("data:".length()));
          starts.add(event.get("timestamp").asLong());
        } else if (line.startsWith("data:") && line.contains("\"type\":\"")) {
          lastType = line.substring(0, Math.min(line.length(), 80));
        }
      }
    }
    if (starts.size() < 2) {
      throw new IllegalStateException("job " + id + " ran fewer than two steps; last: " + lastType);
    }
    return starts;
  }

  private static void awaitReady(String base, Process serve, Path project) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!serve.isAlive()) {
        throw new IllegalStateException(
            "perstack serve exited " + serve.exitValue() + "; see " + project.resolve("serve.log"));
      }
      try {
        HttpResponse<Void> ready =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("perstack serve was not ready in 120 s; see " + project);
  }

  /** The service's token, which it makes when first asked for its API. */
  private static String apiToken(String base, Path file) throws Exception {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(base + "/api/jobs")).build(),
        HttpResponse.BodyHandlers.discarding());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(file) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    return Files.readString(file).strip();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

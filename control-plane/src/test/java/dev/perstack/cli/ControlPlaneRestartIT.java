package dev.perstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.testsupport.SharedFixtures;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.io.IOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart safety, for real: the control plane runs as its own process through the {@code
 * ./perstack} launcher, with its H2 file database in its home; a job runs in Docker against a model
 * behind the OpenAI wire format, writes a file in each of two steps, and is waiting for its third
 * generation when the control plane is killed with SIGKILL. The next control plane of the same home
 * must end the job by error, keep its checkpoints, remove the container the dead one left, and
 * resume the job from its last checkpoint in a fresh container.
 */
class ControlPlaneRestartIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "restart-it-token";
  private static final Duration SLOW = Duration.ofSeconds(240);
  private static final String REAPED = "the control plane stopped while this job ran";

  @TempDir Path project;
  private Path home;
  private Path workspace;
  private ScriptedModelServer model;
  private final List<Process> processes = new ArrayList<>();
  private final List<String> jobs = new ArrayList<>();

  @BeforeEach
  void writeProject() throws IOException {
    model = ScriptedModelServer.start();
    home = project.resolve("home");
    workspace = Files.createDirectories(project.resolve("ws"));
    Files.writeString(
        project.resolve("perstack.toml"),
        """
        model = "gpt-test"
        runtime = "docker"
        [provider]
        providerName = "openai"
        [provider.setting]
        baseUrl = "%s/v1"
        [experts."writer"]
        instruction = "Write one.txt, then two.txt."
        """
            .formatted(model.baseUrl()));
    // Two steps that each write a file, then a generation that does not answer before the kill.
    model.enqueue(
        Reply.toolCall("call_one", "writeTextFile", "{\"path\":\"one.txt\",\"text\":\"1\"}"),
        Reply.toolCall("call_two", "writeTextFile", "{\"path\":\"two.txt\",\"text\":\"2\"}"),
        Reply.text("Too late.").delayed(Duration.ofMinutes(10)));
  }

  @AfterEach
  void cleanUp() throws Exception {
    processes.forEach(Process::destroyForcibly);
    for (Process p : processes) {
      p.waitFor(30, TimeUnit.SECONDS);
    }
    model.close();
    for (String job : jobs) {
      for (String container : containersOf(job)) {
        docker("rm", "-f", container);
      }
    }
  }

  @Nested
  class KilledWhileServing {
    @Test
    void theNextServeEndsTheJobByErrorRemovesItsContainerAndItResumesFromItsLastCheckpoint()
        throws Exception {
      Service first = serve();
      String jobId =
          first
              .post(
                  "/api/jobs",
                  "{\"expert\":\"writer\",\"query\":\"Write both files\",\"workspace\":\"ws\"}",
                  201)
              .get("id")
              .asText();
      jobs.add(jobId);
      awaitThirdGeneration();
      JsonNode checkpoints = first.get("/api/jobs/" + jobId + "/checkpoints");
      assertThat(checkpoints.get(checkpoints.size() - 1).get("stepNumber").asInt()).isEqualTo(2);

      first.kill();

      assertThat(containersOf(jobId)).as("the container the killed control plane left").hasSize(1);
      Service second = serve();
      assertThat(second.stderr()).contains("(1 job(s) left running earlier were marked stopped)");
      JsonNode job = second.get("/api/jobs/" + jobId);
      assertThat(job.get("state").asText()).isEqualTo("stoppedByError");
      assertThat(job.get("error").asText()).contains(REAPED, "--continue-job " + jobId);
      assertThat(containersOf(jobId)).as("the orphaned container is removed").isEmpty();
      assertThat(second.get("/api/jobs/" + jobId + "/checkpoints"))
          .as("the checkpoints, read back from the H2 file after the kill")
          .isEqualTo(checkpoints);
      String last = checkpoints.get(checkpoints.size() - 1).get("id").asText();
      assertThat(second.get("/api/jobs/" + jobId + "/checkpoints/" + last).toString())
          .contains("call_one", "call_two");

      model.enqueue(Reply.text("Both files are written."));
      second.post(
          "/api/jobs/" + jobId + "/continue", "{\"query\":\"Go on\",\"workspace\":\"ws\"}", 201);

      assertThat(second.awaitEnd(jobId).get("state").asText()).isEqualTo("completed");
      assertResumedFromTheSecondStep();
      assertThat(containersOf(jobId)).as("the fresh container is removed at the end").isEmpty();
      second.stop();
    }
  }

  @Nested
  class KilledWhileRunning {
    @Test
    void theNextRunOfTheSameHomeEndsTheJobRemovesItsContainerAndCanContinueIt() throws Exception {
      Process killed =
          start(
              "run",
              List.of("run", "--workspace", workspace.toString(), "writer", "Write both files"));
      awaitThirdGeneration();
      String jobId =
          JSON.readTree(Files.readAllLines(project.resolve("stdout-run")).get(0))
              .get("jobId")
              .asText();
      jobs.add(jobId);

      killed.destroyForcibly();
      assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(containersOf(jobId)).as("the container the killed control plane left").hasSize(1);
      model.enqueue(Reply.text("Both files are written."));
      Process again =
          start(
              "continue",
              List.of(
                  "run",
                  "--workspace",
                  workspace.toString(),
                  "--continue-job",
                  jobId,
                  "writer",
                  "Go on"));
      assertThat(again.waitFor(SLOW.toSeconds(), TimeUnit.SECONDS)).isTrue();

      String stderr = Files.readString(project.resolve("stderr-continue"));
      assertThat(again.exitValue()).as(stderr).isZero();
      assertThat(stderr)
          .contains("1 job(s) left running by a control plane that is gone were marked stopped");
      assertResumedFromTheSecondStep();
      assertThat(containersOf(jobId)).isEmpty();
    }
  }

  /** The three generations of the script were asked for: the job waits for the third. */
  private void awaitThirdGeneration() {
    for (int i = 0; i < 3; i++) {
      model.takeRequest(SLOW);
    }
  }

  /** The generation after the restart saw both steps' results and the new query. */
  private void assertResumedFromTheSecondStep() throws IOException {
    RecordedRequest resumed = model.takeRequest(SLOW);
    assertThat(resumed.body()).contains("call_one", "call_two", "Go on");
    assertThat(Files.readString(workspace.resolve("one.txt"))).isEqualTo("1");
    assertThat(Files.readString(workspace.resolve("two.txt"))).isEqualTo("2");
  }

  private Service serve() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String name = "serve-" + processes.size();
    Process process = start(name, List.of("serve"), Map.of("PERSTACK_PORT", String.valueOf(port)));
    Service service = new Service(process, port, project.resolve("stderr-" + name));
    service.awaitListening();
    return service;
  }

  private Process start(String name, List<String> args) throws IOException {
    return start(name, args, Map.of());
  }

  private Process start(String name, List<String> args, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(SharedFixtures.projectRoot().resolve("perstack").toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
    builder.environment().putAll(env);
    builder.environment().put("PERSTACK_HOME", home.toString());
    builder.environment().put("PERSTACK_API_TOKEN", TOKEN);
    builder.environment().put("OPENAI_API_KEY", "sk-restart-it");
    builder
        .redirectOutput(project.resolve("stdout-" + name).toFile())
        .redirectError(project.resolve("stderr-" + name).toFile());
    // The launcher execs java, so this is the control plane's own process.
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  /** The ids of the containers, running or not, labelled with {@code jobId}. */
  private static List<String> containersOf(String jobId) throws Exception {
    String out = docker("ps", "-aq", "--filter", "label=dev.perstack.job=" + jobId);
    return out.lines().filter(l -> !l.isBlank()).toList();
  }

  private static String docker(String... args) throws Exception {
    Process process =
        new ProcessBuilder(Stream.concat(Stream.of("docker"), Stream.of(args)).toList())
            .redirectErrorStream(true)
            .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("docker %s: %s", String.join(" ", args), out).isZero();
    return out;
  }

  /** A {@code perstack serve} process and its API. */
  private static final class Service {
    private final Process process;
    private final Path stderr;
    private final URI base;
    private final HttpClient http =
        HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    Service(Process process, int port, Path stderr) {
      this.process = process;
      this.stderr = stderr;
      this.base = URI.create("http://127.0.0.1:" + port);
    }

    String stderr() throws IOException {
      return Files.readString(stderr);
    }

    void awaitListening() throws Exception {
      long deadline = System.nanoTime() + SLOW.toNanos();
      while (!stderr().contains("perstack: serving on")) {
        assertThat(process.isAlive()).as("serve is still up: %s", stderr()).isTrue();
        assertThat(System.nanoTime())
            .as("serve listens in time: %s", stderr())
            .isLessThan(deadline);
        process.waitFor(100, TimeUnit.MILLISECONDS);
      }
    }

    JsonNode get(String path) throws Exception {
      return send(HttpRequest.newBuilder(base.resolve(path)).GET(), 200);
    }

    JsonNode post(String path, String body, int status) throws Exception {
      return send(
          HttpRequest.newBuilder(base.resolve(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body)),
          status);
    }

    /** The job once it no longer runs. */
    JsonNode awaitEnd(String jobId) throws Exception {
      long deadline = System.nanoTime() + SLOW.toNanos();
      JsonNode job = get("/api/jobs/" + jobId);
      while (job.get("state").asText().equals("running")) {
        assertThat(System.nanoTime()).as("job %s ends in time", jobId).isLessThan(deadline);
        process.waitFor(250, TimeUnit.MILLISECONDS);
        job = get("/api/jobs/" + jobId);
      }
      return job;
    }

    private JsonNode send(HttpRequest.Builder request, int status) throws Exception {
      HttpResponse<String> response =
          http.send(
              request
                  .header("Authorization", "Bearer " + TOKEN)
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
      return JSON.readTree(response.body());
    }

    /** SIGKILL: no shutdown hook, no cleanup, as a crash or an OOM killer would end it. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    void stop() throws InterruptedException {
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
  }
}

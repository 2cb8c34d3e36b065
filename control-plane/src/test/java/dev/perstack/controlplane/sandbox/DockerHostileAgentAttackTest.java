package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A hostile agent — {@link HostileAgent} run with {@code java -cp} inside the sandbox image in
 * place of the real agent, or the real agent holding another job's token — is cut off and its job
 * ends by error, while an honest job started at the same time runs to completion.
 */
class DockerHostileAgentAttackTest extends SandboxAttacks {

  @Test
  void anOversizedFrameCutsTheAgentOffAndAnotherJobCompletes() throws Exception {
    JobRecord hostile = runBesideAnHonestJob(hostileRuntime("oversized"));

    assertThat(hostile.error())
        .hasValueSatisfying(e -> assertThat(e).contains("cut off", "FRAME_TOO_LARGE"));
  }

  @Test
  void aMalformedFrameCutsTheAgentOffAndAnotherJobCompletes() throws Exception {
    JobRecord hostile = runBesideAnHonestJob(hostileRuntime("malformed"));

    assertThat(hostile.error())
        .hasValueSatisfying(e -> assertThat(e).contains("cut off", "MALFORMED"));
  }

  @Test
  void anOutOfOrderFrameCutsTheAgentOffAndAnotherJobCompletes() throws Exception {
    JobRecord hostile = runBesideAnHonestJob(hostileRuntime("out-of-order"));

    assertThat(hostile.error())
        .hasValueSatisfying(e -> assertThat(e).contains("cut off", "OUT_OF_ORDER"));
  }

  @Test
  void aFrameBeforeTheHelloCutsTheAgentOffAndAnotherJobCompletes() throws Exception {
    JobRecord hostile = runBesideAnHonestJob(hostileRuntime("early-event"));

    assertThat(hostile.error())
        .hasValueSatisfying(e -> assertThat(e).contains("cut off", "OUT_OF_ORDER"));
  }

  @Test
  void anotherJobsTokenIsRefusedAndThatJobCompletes() throws Exception {
    AtomicReference<String> honestToken = new AtomicReference<>();
    RecordingRuntime stolen =
        new RecordingRuntime(
            runtime(DockerSandboxSettings.DEFAULTS),
            request -> RecordingRuntime.withToken(request, honestToken.get()));

    JobRecord hostile = runBesideAnHonestJob(stolen, honestToken);

    assertThat(hostile.error())
        .hasValueSatisfying(e -> assertThat(e).contains("cut off", "BAD_TOKEN"));
  }

  private SandboxRuntime hostileRuntime(String mode) throws Exception {
    return runtime(
        DockerSandboxSettings.DEFAULTS.withCommand(
            List.of(
                "java",
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-cp",
                "/workspace/.hostile",
                HostileAgent.class.getName(),
                mode)));
  }

  private JobRecord runBesideAnHonestJob(SandboxRuntime hostileRuntime) throws Exception {
    return runBesideAnHonestJob(hostileRuntime, new AtomicReference<>());
  }

  /**
   * Starts an honest job and waits until it generates; runs the hostile job to its end; then lets
   * the honest job finish. Returns the hostile job, checked to have ended by error.
   */
  private JobRecord runBesideAnHonestJob(
      SandboxRuntime hostileRuntime, AtomicReference<String> honestToken) throws Exception {
    JobHarness cp = harness(Map.of("hostile", hostileRuntime));
    CountDownLatch honestGenerating = new CountDownLatch(1);
    CountDownLatch hostileEnded = new CountDownLatch(1);
    cp.model
        .then(
            "honest",
            new ScriptedModel.Gated(
                hostileEnded,
                ScriptedModel.answerTool(
                    "writeTextFile", "{\"path\":\"honest.txt\",\"text\":\"still served\"}")))
        .text("honest", "Done.")
        .onGeneration(
            seen -> {
              if (seen.request().expertKey().equals("honest")) {
                honestGenerating.countDown();
              }
            });
    Path honestWorkspace = cp.workspace();
    JobHandle honest = cp.submit("docker", "honest", "Write a note", honestWorkspace);
    assertThat(honestGenerating.await(90, TimeUnit.SECONDS)).isTrue();
    honestToken.set(
        cp.runtime("docker").request(honest.record().id()).get(10, TimeUnit.SECONDS).jobToken());

    Path hostileWorkspace = cp.workspace();
    copyHostileAgentInto(hostileWorkspace.resolve(".hostile"));
    JobRecord hostile =
        JobHarness.await(cp.submit("hostile", "hostile", "Attack", hostileWorkspace));
    hostileEnded.countDown();
    JobRecord finished = JobHarness.await(honest);

    assertThat(hostile.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
    assertThat(cp.types(hostile.id())).doesNotContain("startRun");
    assertThat(cp.runtime("hostile").handle(hostile.id()).get().exit())
        .succeedsWithin(Duration.ofSeconds(30));
    assertThat(finished.state()).as(finished.error().orElse("")).isEqualTo(JobState.COMPLETED);
    assertThat(Files.readString(honestWorkspace.resolve("honest.txt"))).isEqualTo("still served");
    return hostile;
  }

  private static void copyHostileAgentInto(Path root) throws Exception {
    Path classes =
        Path.of(HostileAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String pkg = HostileAgent.class.getPackageName().replace('.', '/');
    Path target = Files.createDirectories(root.resolve(pkg));
    try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
      for (Path f :
          files.filter(f -> f.getFileName().toString().startsWith("HostileAgent")).toList()) {
        Files.copy(f, target.resolve(f.getFileName()));
      }
    }
  }
}

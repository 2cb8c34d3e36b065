package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxHandle;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An expert tries to exhaust the host: processes and memory. */
class DockerResourceAttackTest extends SandboxAttacks {

  @Test
  void aForkBombIsHeldByThePidsLimitAndTheJobGoesOn() throws Exception {
    JobHarness limited =
        harness(Map.of("limited", runtime(DockerSandboxSettings.DEFAULTS.withPidsLimit(128))));
    limited
        .model
        .shell(
            "attacker",
            "i=0; while [ $i -lt 1000 ]; do sleep 2 & i=$((i+1)); done; echo never-here",
            60_000)
        .then(
            "attacker",
            new ScriptedModel.Delayed(
                Duration.ofSeconds(4),
                ScriptedModel.answerTool(
                    "exec",
                    "{\"command\":\"sh\",\"args\":[\"-c\",\"cd /sys/fs/cgroup; [ -d pids ] &&"
                        + " cd pids; echo max=$(cat pids.max); cat pids.events\"]}")))
        .text("attacker", "Done.");

    JobRecord job = JobHarness.await(limited.submit("limited", "attacker"));

    assertThat(job.state()).as(job.error().orElse("")).isEqualTo(JobState.COMPLETED);
    String output = ToolOutput.text(limited.toolResults(job.id()));
    // Whoever forks first at the limit is refused: the bomb's shell or the agent's own thread.
    assertThat(output)
        .containsAnyOf(
            "Cannot fork", "Resource temporarily unavailable", "unable to create native thread");
    assertThat(lines(output)).doesNotContain("never-here").contains("max=128");
    assertThat(lines(output).stream().filter(l -> l.startsWith("max ")))
        .singleElement()
        .satisfies(l -> assertThat(Integer.parseInt(l.substring(4))).isPositive());
  }

  @Test
  void aMemoryBombEndsTheJobWithAClearError() throws Exception {
    JobHarness limited =
        harness(
            Map.of("limited", runtime(DockerSandboxSettings.DEFAULTS.withMemoryBytes(256L << 20))));
    limited.model.shell("attacker", "tail /dev/zero", 120_000).text("attacker", "Survived.");
    long start = System.nanoTime();

    JobHandle handle = limited.submit("limited", "attacker");
    JobRecord job = JobHarness.await(handle);

    assertThat(job.state()).isEqualTo(JobState.STOPPED_BY_ERROR);
    assertThat(job.error()).hasValueSatisfying(e -> assertThat(e).startsWith("out of memory"));
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("ended by the runtime, not by the command's timeout")
        .isLessThan(Duration.ofSeconds(60));
    DockerSandboxHandle sandbox =
        (DockerSandboxHandle) limited.runtime("limited").handle(job.id()).get(10, TimeUnit.SECONDS);
    assertThat(sandbox.exit()).succeedsWithin(Duration.ofSeconds(30));
    assertThat(sandbox.failure())
        .hasValueSatisfying(
            f -> assertThat(f).startsWith("out of memory").contains("memory limit of 256 MiB"));
    assertThat(limited.events(job.id()))
        .anySatisfy(
            e ->
                assertThat(e.json())
                    .contains("\"dockerContainerStatus\"", "\"error\"", "out of memory"));
    assertThat(Files.readString(limited.logFile(job.id()))).contains("out of memory");
  }
}

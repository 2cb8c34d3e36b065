package dev.perstack.controlplane.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxRuntime;
import dev.perstack.controlplane.sandbox.docker.DockerSandboxSettings;
import dev.perstack.controlplane.store.InMemoryJobStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the attack tests share: a control plane whose process environment holds provider keys, the
 * docker runtime with default settings (as {@code docker}), and jobs whose scripted model makes the
 * expert run a shell script with the base skill's {@code exec} tool. Assertions read what the
 * script printed from the job's stored events.
 */
abstract class SandboxAttacks {
  static final String SECRET = "sk-test-" + UUID.randomUUID().toString().replace("-", "");

  @TempDir Path dir;
  final InMemoryJobStore store = new InMemoryJobStore();
  final String owner = DockerTestEngine.uniqueOwner();
  private final List<DockerSandboxRuntime> runtimes = new ArrayList<>();
  private final List<JobHarness> harnesses = new ArrayList<>();
  JobHarness h;

  @BeforeEach
  void startControlPlane() throws Exception {
    h = harness(Map.of());
  }

  @AfterEach
  void stopControlPlane() throws Exception {
    harnesses.forEach(JobHarness::close);
    runtimes.forEach(DockerSandboxRuntime::close);
    DockerTestEngine.removeAll(owner);
  }

  /** A control plane with the {@code docker} runtime and {@code extra} ones. */
  JobHarness harness(Map<String, SandboxRuntime> extra) throws Exception {
    Map<String, SandboxRuntime> byName = new LinkedHashMap<>(extra);
    byName.put("docker", runtime(DockerSandboxSettings.DEFAULTS));
    JobHarness harness =
        new JobHarness(
            dir.resolve("cp-" + harnesses.size()),
            store,
            byName,
            JobHarness.settings(Duration.ofSeconds(60)),
            "timeout = 60000",
            Map.of("OPENAI_API_KEY", SECRET, "ANTHROPIC_API_KEY", SECRET + "-anthropic"));
    harnesses.add(harness);
    return harness;
  }

  DockerSandboxRuntime runtime(DockerSandboxSettings settings) throws Exception {
    DockerSandboxRuntime runtime =
        DockerTestEngine.runtime(settings.withOwner(owner), DockerTestEngine.storingIn(store));
    runtimes.add(runtime);
    return runtime;
  }

  /** Runs {@code script} with {@code sh -c} as the expert's one tool call; returns its output. */
  String attack(String script) throws Exception {
    return attack(h, "docker", script);
  }

  String attack(JobHarness harness, String runtime, String script) throws Exception {
    harness.model.shell("attacker", script, 60_000).text("attacker", "Done.");
    JobRecord job = JobHarness.await(harness.submit(runtime, "attacker"));
    assertThat(job.state()).as(job.error().orElse("")).isEqualTo(JobState.COMPLETED);
    String output = ToolOutput.text(harness.toolResults(job.id()));
    assertThat(harness.everything(job.id())).doesNotContain(SECRET);
    return output;
  }

  static List<String> lines(String output) {
    return Arrays.stream(output.split("\n")).map(String::strip).toList();
  }
}

package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.agent.AgentMain;
import dev.perstack.controlplane.socket.AgentSession;
import dev.perstack.controlplane.socket.GenerationHandler;
import dev.perstack.controlplane.socket.JobReporter;
import dev.perstack.controlplane.socket.JobSocket;
import dev.perstack.controlplane.socket.SessionEnd;
import dev.perstack.controlplane.spec.JobSpecFactory;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.PerstackConfigLoader;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.event.CompleteRun;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.session.JobToken;
import dev.perstack.protocol.transport.Framing;
import dev.perstack.testsupport.SharedFixtures;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code hello} cassette drives the real agent loop for the {@code hello} example
 * expert: the agent (in process, over a real Unix socket) writes greeting.txt with the base skill,
 * completes, and reports the cassette's final text, with no model and no key.
 */
class HelloCassetteEndToEndTest {
  @TempDir Path workspace;

  @Test
  void theHelloExpertRunsFromTheBundledCassette() throws Exception {
    PerstackConfig config =
        PerstackConfigLoader.load(
                SharedFixtures.projectRoot().resolve("examples/hello/perstack.toml"))
            .config();
    JobSpec spec =
        JobSpecFactory.create(
            config,
            new JobSpecFactory.Request(
                "job-hello",
                "hello",
                Optional.of("Please greet me."),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty()),
            Map.of());
    InMemoryExchangeRecorder recorder = new InMemoryExchangeRecorder();
    ModelGateway gateway =
        new ModelGateway(
            ModelProviders.only(CassetteModelProvider.bundled("hello")),
            PriceTable.bundled(),
            recorder,
            GatewayOptions.DEFAULTS);
    gateway.bind(
        "job-hello",
        new JobModel(
            config.provider(),
            spec.model(),
            ProviderEnvironment.of(Map.of()),
            JobModel.DEFAULT_TIMEOUT));
    GenerationHandler handler =
        new GenerationHandler() {
          @Override
          public GenerationResponse generate(
              String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta)
              throws Failed {
            try {
              return gateway.generate(jobId, request, onDelta);
            } catch (GatewayException e) {
              throw new Failed(e.error());
            }
          }
        };
    List<PerstackEvent> events = new CopyOnWriteArrayList<>();
    List<Checkpoint> checkpoints = new CopyOnWriteArrayList<>();
    JobReporter reporter =
        new JobReporter() {
          @Override
          public void event(PerstackEvent event) {
            events.add(event);
          }

          @Override
          public void checkpoint(Checkpoint checkpoint) {
            checkpoints.add(checkpoint);
          }
        };
    // JobSocket creates the directory; Unix socket paths must stay short.
    Path socketDir = Path.of("/tmp", "pgw-" + Requests.id().substring(0, 8));
    JobToken token = JobToken.generate();
    ExecutorService pool = Executors.newCachedThreadPool();
    try (JobSocket socket = JobSocket.open(socketDir)) {
      Future<?> agent =
          pool.submit(
              () ->
                  AgentMain.run(
                      Map.of(
                          "PERSTACK_SOCKET", socket.path().toString(),
                          "PERSTACK_JOB_TOKEN", token.reveal(),
                          "PERSTACK_WORKSPACE", workspace.toString(),
                          "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))));
      SocketChannel channel = socket.accept(Duration.ofSeconds(10)).orElseThrow();
      SessionEnd end =
          new AgentSession(
                  spec, token, channel, reporter, handler, pool, Framing.DEFAULT_MAX_FRAME_BYTES)
              .run();
      agent.get(10, TimeUnit.SECONDS);

      assertThat(end.problem()).isEmpty();
    } finally {
      pool.shutdownNow();
      Files.deleteIfExists(socketDir);
    }
    assertThat(Files.readString(workspace.resolve("greeting.txt")))
        .isEqualTo("Hello, and welcome to Perstack!\n");
    assertThat(checkpoints.get(checkpoints.size() - 1).status())
        .isEqualTo(CheckpointStatus.COMPLETED);
    CompleteRun complete =
        events.stream()
            .filter(CompleteRun.class::isInstance)
            .map(CompleteRun.class::cast)
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(complete.text()).contains("greeting.txt");
    assertThat(recorder.exchanges()).hasSize(3);
    assertThat(gateway.usage("job-hello").generations()).isEqualTo(3);
  }
}

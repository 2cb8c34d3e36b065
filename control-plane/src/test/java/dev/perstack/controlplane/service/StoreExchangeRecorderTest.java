package dev.perstack.controlplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.controlplane.gateway.CassetteModelProvider;
import dev.perstack.controlplane.gateway.GatewayOptions;
import dev.perstack.controlplane.gateway.ModelGateway;
import dev.perstack.controlplane.gateway.ModelProviders;
import dev.perstack.controlplane.gateway.PriceTable;
import dev.perstack.controlplane.gateway.RequestDigest;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.orchestration.JobEventBus;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.orchestration.JobRequest;
import dev.perstack.controlplane.orchestration.OrchestratorSettings;
import dev.perstack.controlplane.orchestration.OwnerLease;
import dev.perstack.controlplane.orchestration.RunningJobs;
import dev.perstack.controlplane.sandbox.LocalSandboxRuntime;
import dev.perstack.controlplane.store.InMemoryJobStore;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.message.Message;
import dev.perstack.testsupport.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's exchanges of a running job reach the job store through the job's own store queue:
 * the example {@code hello} expert runs in the local runtime from the bundled cassette.
 */
class StoreExchangeRecorderTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  @TempDir Path dir;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final InMemoryJobStore store = new InMemoryJobStore();
  private final RunningJobs running = new RunningJobs();
  private OwnerLease lease;

  @AfterEach
  void stop() {
    pool.shutdownNow();
    if (lease != null) {
      lease.close();
    }
  }

  @Test
  void recordsEveryGenerationOfARunningJobWithTheConversationItWasAskedWith() throws Exception {
    ModelGateway gateway =
        new ModelGateway(
            ModelProviders.only(CassetteModelProvider.bundled("hello")),
            PriceTable.bundled(),
            new StoreExchangeRecorder(store, running),
            GatewayOptions.DEFAULTS);
    JobOrchestrator orchestrator = orchestrator(new GatewayGenerationHandler(gateway));

    JobRecord finished =
        orchestrator
            .submit(
                new JobRequest(
                    SharedFixtures.projectRoot().resolve("examples/hello/perstack.toml"),
                    "hello",
                    Optional.of("Please greet me."),
                    Files.createDirectories(dir.resolve("workspace")),
                    Optional.of("local"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    "test"))
            .finished()
            .get(180, TimeUnit.SECONDS);

    assertThat(finished.state()).as(finished.error().orElse("")).isEqualTo(JobState.COMPLETED);
    List<ModelExchange> exchanges = store.exchanges(finished.id());
    List<StartGeneration> started =
        store.events(finished.id(), 0, 1000).stream()
            .map(StoredEvent::json)
            .filter(json -> json.contains("\"type\":\"startGeneration\""))
            .map(json -> (StartGeneration) decode(json))
            .toList();
    Message[] conversation =
        store.latestCheckpoint(finished.id()).orElseThrow().messages().toArray(Message[]::new);
    // Two steps with tools, each announced by startGeneration, then the final tool-less answer.
    assertThat(exchanges).hasSize(3);
    assertThat(started).hasSize(2);
    for (int i = 0; i < exchanges.size(); i++) {
      ModelExchange exchange = exchanges.get(i);
      if (i < started.size()) {
        assertThat(exchange.request().messages()).isEqualTo(started.get(i).messages());
      }
      assertThat(conversation).startsWith(exchange.request().messages().toArray(Message[]::new));
      assertThat(exchange.requestDigest()).isEqualTo(RequestDigest.of(exchange.request()));
      assertThat(exchange.failed()).isFalse();
      assertThat(exchange.costUsd()).isNotEqualTo(OptionalDouble.empty());
    }
  }

  private dev.perstack.protocol.event.PerstackEvent decode(String json) {
    try {
      return CODEC.decodeEvent(json);
    } catch (dev.perstack.protocol.ProtocolException e) {
      throw new AssertionError(e);
    }
  }

  private JobOrchestrator orchestrator(GatewayGenerationHandler generations) throws IOException {
    Path home = dir.resolve("home");
    lease = OwnerLease.acquire(home);
    return new JobOrchestrator(
        store,
        new JobEventBus(),
        Map.of("local", new LocalSandboxRuntime()),
        generations,
        pool,
        home,
        Clock.systemUTC(),
        new OrchestratorSettings(
            Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(2)),
        Map.of("ANTHROPIC_API_KEY", "unused by the cassette"),
        lease,
        running);
  }
}

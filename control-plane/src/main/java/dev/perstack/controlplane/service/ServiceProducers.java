package dev.perstack.controlplane.service;

import dev.perstack.controlplane.gateway.CassetteModelProvider;
import dev.perstack.controlplane.gateway.GatewayOptions;
import dev.perstack.controlplane.gateway.ModelGateway;
import dev.perstack.controlplane.gateway.ModelProviders;
import dev.perstack.controlplane.gateway.PriceTable;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.orchestration.JobEventBus;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.orchestration.OrchestratorSettings;
import dev.perstack.controlplane.orchestration.OwnerLease;
import dev.perstack.controlplane.orchestration.RunningJobs;
import dev.perstack.controlplane.socket.GenerationHandler;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Builds the control plane's plain-Java parts once and hands them to CDI. */
@Singleton
public class ServiceProducers {

  @Produces
  @Singleton
  JobEventBus eventBus() {
    return new JobEventBus();
  }

  @Produces
  @Singleton
  @JobThreads
  ExecutorService jobThreads() {
    return Executors.newCachedThreadPool(
        r -> {
          Thread t = new Thread(r, "perstack-job");
          t.setDaemon(true);
          return t;
        });
  }

  void closeJobThreads(@Disposes @JobThreads ExecutorService pool) {
    pool.shutdownNow();
  }

  @Produces
  @Singleton
  RunningJobs runningJobs() {
    return new RunningJobs();
  }

  @Produces
  @Singleton
  ModelGateway modelGateway(JobStore store, RunningJobs running, PerstackSettings settings) {
    return new ModelGateway(
        settings
            .modelCassette()
            .map(ServiceProducers::cassette)
            .orElseGet(ModelProviders::standard),
        PriceTable.bundled(),
        new StoreExchangeRecorder(store, running),
        GatewayOptions.DEFAULTS);
  }

  /** A cassette file, or the name of a bundled one (such as {@code hello}). */
  private static ModelProviders cassette(String fileOrName) {
    try {
      Path file = Path.of(fileOrName);
      return ModelProviders.only(
          Files.isRegularFile(file)
              ? CassetteModelProvider.load(file)
              : CassetteModelProvider.bundled(fileOrName));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read the model cassette "
              + fileOrName
              + " (a file, or a bundled name such as"
              + " hello): "
              + e.getMessage(),
          e);
    }
  }

  @Produces
  @Singleton
  GenerationHandler generationHandler(ModelGateway gateway) {
    return new GatewayGenerationHandler(gateway);
  }

  /** This control plane's name on its jobs and containers, held while the process lives. */
  @Produces
  @Singleton
  OwnerLease ownerLease(PerstackSettings settings) {
    try {
      return OwnerLease.acquire(Path.of(settings.home()).toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot take an owner lease in "
              + Path.of(settings.home()).toAbsolutePath().resolve("owners")
              + " ("
              + e.getMessage()
              + "); perstack.home must be a writable directory",
          e);
    }
  }

  void closeOwnerLease(@Disposes OwnerLease lease) {
    lease.close();
  }

  @Produces
  @Singleton
  JobOrchestrator orchestrator(
      JobStore store,
      JobEventBus bus,
      GenerationHandler generator,
      @JobThreads ExecutorService pool,
      PerstackSettings settings,
      SandboxRuntimes runtimes,
      OwnerLease owner,
      RunningJobs running) {
    JobOrchestrator orchestrator =
        new JobOrchestrator(
            store,
            bus,
            runtimes.all(),
            generator,
            pool,
            Path.of(settings.home()).toAbsolutePath(),
            Clock.systemUTC(),
            new OrchestratorSettings(
                settings.connectTimeout(), java.time.Duration.ofSeconds(15), settings.stopGrace()),
            System.getenv(),
            owner,
            running);
    // Container status changes become dockerContainerStatus events of their job (its id as run).
    runtimes.onContainerStatus(change -> orchestrator.runtimeEvent(change.toEvent(change.jobId())));
    return orchestrator;
  }
}

package dev.perstack.controlplane.service;

import dev.perstack.controlplane.gateway.Exchange;
import dev.perstack.controlplane.gateway.ExchangeRecorder;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.orchestration.RunningJobs;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.message.Usage;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * Records every gateway exchange in the job store, for replay and diff: a running job's exchange is
 * stored by the job's store thread, in order with what its agent reports (and in the same write),
 * so the model's answer goes back to the agent without waiting for the database; the job's next
 * generation waits for it as it waits for the step's checkpoint.
 */
final class StoreExchangeRecorder implements ExchangeRecorder {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  private final JobStore store;
  private final RunningJobs running;

  StoreExchangeRecorder(JobStore store, RunningJobs running) {
    this.store = store;
    this.running = running;
  }

  @Override
  public void record(Exchange exchange) {
    Usage usage = exchange.response().map(r -> r.usage()).orElse(new Usage(0, 0, 0, 0, 0));
    String response =
        exchange
            .response()
            .map(CODEC::encode)
            .orElseGet(() -> CODEC.encode(exchange.error().orElseThrow()));
    ModelExchange recorded =
        new ModelExchange(
            exchange.jobId(),
            UUID.randomUUID().toString(),
            exchange.request().expertKey(),
            exchange.provider(),
            exchange.model(),
            exchange.requestDigest(),
            exchange.request(),
            response,
            exchange.response().isEmpty(),
            usage.inputTokens(),
            usage.outputTokens(),
            usage.reasoningTokens(),
            usage.cachedInputTokens(),
            exchange
                .costUsd()
                .map(c -> OptionalDouble.of(c.doubleValue()))
                .orElse(OptionalDouble.empty()),
            exchange.startedAt().toEpochMilli(),
            exchange.durationMillis());
    if (!running.report(new JobReport.ExchangeReport(recorded))) {
      store.recordExchange(recorded);
    }
  }
}

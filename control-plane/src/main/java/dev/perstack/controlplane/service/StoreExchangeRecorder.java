package dev.perstack.controlplane.service;

import dev.perstack.controlplane.gateway.Exchange;
import dev.perstack.controlplane.gateway.ExchangeRecorder;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.message.Usage;
import java.util.OptionalDouble;
import java.util.UUID;

/** Records every gateway exchange in the job store, for replay and diff. */
final class StoreExchangeRecorder implements ExchangeRecorder {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  private final JobStore store;

  StoreExchangeRecorder(JobStore store) {
    this.store = store;
  }

  @Override
  public void record(Exchange exchange) {
    Usage usage = exchange.response().map(r -> r.usage()).orElse(new Usage(0, 0, 0, 0, 0));
    String response =
        exchange
            .response()
            .map(CODEC::encode)
            .orElseGet(() -> CODEC.encode(exchange.error().orElseThrow()));
    store.recordExchange(
        new ModelExchange(
            exchange.jobId(),
            UUID.randomUUID().toString(),
            exchange.request().expertKey(),
            exchange.provider(),
            exchange.model(),
            exchange.requestDigest(),
            CODEC.encode(exchange.request()),
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
            exchange.durationMillis()));
  }
}

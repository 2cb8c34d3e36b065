package dev.perstack.controlplane.gateway;

import java.util.ArrayList;
import java.util.List;

/** Keeps exchanges in memory, in the order they were recorded; for tests and short jobs. */
public final class InMemoryExchangeRecorder implements ExchangeRecorder {
  private final List<Exchange> exchanges = new ArrayList<>();

  @Override
  public synchronized void record(Exchange exchange) {
    exchanges.add(exchange);
  }

  /** A snapshot of the exchanges so far. */
  public synchronized List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  /** The exchanges of one job. */
  public synchronized List<Exchange> exchanges(String jobId) {
    return exchanges.stream().filter(e -> e.jobId().equals(jobId)).toList();
  }
}

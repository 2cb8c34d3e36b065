package dev.perstack.controlplane.gateway;

import java.io.IOException;

/** Keeps every exchange the gateway answers, for replay, cassettes and diffs between jobs. */
public interface ExchangeRecorder {

  /** Records one exchange; must be safe to call from several threads. */
  void record(Exchange exchange) throws IOException;

  /** Called when the gateway releases {@code jobId}: state kept for it may go. */
  default void jobEnded(String jobId) {}

  /** A recorder that keeps nothing. */
  static ExchangeRecorder discarding() {
    return exchange -> {};
  }
}

package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.orchestration.JobEventBus;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** Sends one SSE client a job's events in sequence order, each once, then {@code end}. */
final class SseFollower implements JobEventBus.Subscriber {
  private final SseEventSink sink;
  private final Sse sse;
  private long lastSent;
  private AutoCloseable subscription;
  private boolean ended;
  private boolean replaying = true;
  private final java.util.List<StoredEvent> heldBack = new java.util.ArrayList<>();

  SseFollower(SseEventSink sink, Sse sse, long after) {
    this.sink = sink;
    this.sse = sse;
    this.lastSent = after;
  }

  void onClose(AutoCloseable subscription) {
    this.subscription = subscription;
  }

  /** Live events wait while the history is replayed, so that nothing is sent out of order. */
  @Override
  public synchronized void event(StoredEvent event) {
    if (replaying) {
      heldBack.add(event);
      return;
    }
    send(event);
  }

  /** Sends one stored event of the history. */
  synchronized void replay(StoredEvent event) {
    send(event);
  }

  /** Ends the replay and sends the live events that came meanwhile. */
  synchronized void replayDone() {
    replaying = false;
    heldBack.forEach(this::send);
    heldBack.clear();
  }

  private void send(StoredEvent event) {
    if (ended || event.sequence() <= lastSent || sink.isClosed()) {
      return;
    }
    lastSent = event.sequence();
    sink.send(
        sse.newEventBuilder()
            .id(Long.toString(event.sequence()))
            .name(event.type())
            .mediaType(MediaType.APPLICATION_JSON_TYPE)
            .data(event.json())
            .build());
  }

  @Override
  public synchronized void finished(JobRecord job) {
    if (replaying) {
      replayDone();
    }
    if (ended) {
      return;
    }
    ended = true;
    if (!sink.isClosed()) {
      sink.send(sse.newEventBuilder().name("end").data(job.state().wireName()).build());
      sink.close();
    }
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception ignored) {
        // Unsubscribing cannot fail in a way that matters here.
      }
    }
  }
}

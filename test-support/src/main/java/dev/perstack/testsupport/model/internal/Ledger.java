package dev.perstack.testsupport.model.internal;

import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.WireFormat;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/** The script of replies and the journal of requests, shared by all exchanges under one lock. */
public final class Ledger {
  private final Deque<Reply> shared = new ArrayDeque<>();
  private final Map<WireFormat, Deque<Reply>> perFormat = new EnumMap<>(WireFormat.class);
  private final List<RecordedRequest> journal = new ArrayList<>();
  private final BlockingQueue<RecordedRequest> untaken = new LinkedBlockingQueue<>();
  private final List<Duration> handlingTimes = new ArrayList<>();

  /** Queues {@code reply} for one wire format, or for any when {@code format} is empty. */
  public synchronized void enqueue(Optional<WireFormat> format, Reply reply) {
    Objects.requireNonNull(reply, "reply");
    format
        .map(f -> perFormat.computeIfAbsent(f, unused -> new ArrayDeque<>()))
        .orElse(shared)
        .add(reply);
  }

  /**
   * Numbers, records and answers one request in a single step, so that request #N is the Nth in the
   * journal and draws the Nth reply even when requests arrive concurrently.
   */
  synchronized Arrival arrive(IntFunction<RecordedRequest> recordAs) {
    RecordedRequest request = recordAs.apply(journal.size() + 1);
    journal.add(request);
    untaken.add(request);
    Optional<Reply> reply = request.wireFormat().flatMap(this::nextReply);
    return new Arrival(request, reply);
  }

  private Optional<Reply> nextReply(WireFormat format) {
    Deque<Reply> own = perFormat.get(format);
    if (own != null && !own.isEmpty()) {
      return Optional.of(own.poll());
    }
    return Optional.ofNullable(shared.poll());
  }

  /** Replies not yet drawn. */
  public synchronized int remainingReplies() {
    return shared.size() + perFormat.values().stream().mapToInt(Deque::size).sum();
  }

  /** All requests so far, in arrival order. */
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(journal);
  }

  /** Notes how long the server took over one request, from reading its body to its answer's end. */
  synchronized void handled(Duration time) {
    handlingTimes.add(time);
  }

  /** How long each handled request took the server, in the order they ended. */
  public synchronized List<Duration> handlingTimes() {
    return List.copyOf(handlingTimes);
  }

  /** The oldest request not yet taken, waiting up to {@code timeout} for one. */
  public Optional<RecordedRequest> take(Duration timeout) throws InterruptedException {
    return Optional.ofNullable(untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS));
  }
}

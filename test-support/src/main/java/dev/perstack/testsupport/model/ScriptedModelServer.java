package dev.perstack.testsupport.model;

import com.sun.net.httpserver.HttpServer;
import dev.perstack.testsupport.model.internal.Ledger;
import dev.perstack.testsupport.model.internal.ModelHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 that answers model API calls with scripted {@link Reply replies}
 * in the wire format of the route called, and records every request.
 *
 * <p>Replies are taken in order: first from the queue of the request's {@link WireFormat}, then
 * from the shared queue. When both are empty the request gets a 500 error in the provider's shape
 * saying so, and a path no format serves gets a 404; both are recorded, so the test fails loudly.
 */
public final class ScriptedModelServer implements AutoCloseable {
  private static final Duration DEFAULT_TAKE_TIMEOUT = Duration.ofSeconds(5);

  static {
    // The JDK's server writes with Nagle's algorithm unless told otherwise: each small streamed
    // chunk then waits for the client's delayed ACK (~40 ms), which no provider makes a client
    // wait. Read once, when the JVM's first HttpServer starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Ledger ledger;

  private ScriptedModelServer(HttpServer server, ExecutorService executor, Ledger ledger) {
    this.server = server;
    this.executor = executor;
    this.ledger = ledger;
  }

  /** Starts a server on an ephemeral port of 127.0.0.1. */
  public static ScriptedModelServer start() {
    Ledger ledger = new Ledger();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the scripted model server", e);
    }
    // One thread per exchange, so that concurrent and slow (delayed, paced) requests never queue.
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "scripted-model-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/", new ModelHandler(ledger));
    server.start();
    return new ScriptedModelServer(server, executor, ledger);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The port the server listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Queues replies for requests of any wire format, in order. */
  public ScriptedModelServer enqueue(Reply... replies) {
    for (Reply reply : replies) {
      ledger.enqueue(Optional.empty(), reply);
    }
    return this;
  }

  /** Queues replies only for requests of {@code format}; they go before the shared queue. */
  public ScriptedModelServer enqueue(WireFormat format, Reply... replies) {
    for (Reply reply : replies) {
      ledger.enqueue(Optional.of(format), reply);
    }
    return this;
  }

  /** Replies still queued, shared and per format. */
  public int remainingReplies() {
    return ledger.remainingReplies();
  }

  /** Every request received so far, in arrival order, whether taken or not. */
  public List<RecordedRequest> requests() {
    return ledger.requests();
  }

  /**
   * How long each request took the server, from reading its body to the end of its answer (scripted
   * delays and pauses included), in the order they ended: a zero-latency model's own cost, which a
   * benchmark of what calls it can tell apart from its own.
   */
  public List<Duration> handlingTimes() {
    return ledger.handlingTimes();
  }

  /** The number of requests received so far. */
  public int requestCount() {
    return ledger.requests().size();
  }

  /** The oldest request not yet taken, waiting up to five seconds for one to arrive. */
  public RecordedRequest takeRequest() {
    return takeRequest(DEFAULT_TAKE_TIMEOUT);
  }

  /**
   * The oldest request not yet taken, waiting up to {@code timeout}.
   *
   * @throws AssertionError when none arrives in time
   */
  public RecordedRequest takeRequest(Duration timeout) {
    try {
      return ledger
          .take(timeout)
          .orElseThrow(() -> new AssertionError("no request arrived within " + timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
  }

  /** Stops the server at once, dropping connections still open. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package dev.perstack.controlplane.sandbox;

import dev.perstack.controlplane.socket.JobSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Puts a relay between each job's agent and the control plane: the agent connects to a socket of
 * the relay, which connects on to the job's own socket and passes bytes both ways, until a test
 * cuts the connection. Use {@link #relay} as a {@link RecordingRuntime}'s request change.
 */
final class SocketRelays implements AutoCloseable {
  private final Path root;
  private final Map<String, Relay> relays = new ConcurrentHashMap<>();

  /**
   * @param root where the relays' socket directories go (keep it short: socket paths are).
   */
  SocketRelays(Path root) {
    this.root = root;
  }

  /** The same request, with the agent pointed at a new relay to the request's socket. */
  SandboxRequest relay(SandboxRequest request) {
    try {
      Path directory = root.resolve(UUID.randomUUID().toString().substring(0, 8));
      Relay relay =
          new Relay(
              JobSocket.open(directory),
              UnixDomainSocketAddress.of(request.socketDirectory().resolve(JobSocket.FILE_NAME)));
      relays.put(request.jobId(), relay);
      Thread thread = new Thread(relay::run, "relay-" + request.jobId());
      thread.setDaemon(true);
      thread.start();
      return new SandboxRequest(
          request.jobId(), directory, request.jobToken(), request.workspace(), request.logFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Cuts the job's connection on the control plane's side: the control plane sees the stream end.
   * With {@code agentToo}, the agent sees its stream end as well; without, the agent's side stays
   * open and whatever it sends is swallowed, as if the connection had silently died.
   */
  void cut(String jobId, boolean agentToo) {
    relays.get(jobId).cut(agentToo);
  }

  @Override
  public void close() {
    relays.values().forEach(Relay::close);
  }

  private static final class Relay {
    private final JobSocket listening;
    private final UnixDomainSocketAddress controlPlane;
    private final CountDownLatch connected = new CountDownLatch(1);
    private volatile SocketChannel agent;
    private volatile SocketChannel upstream;
    private volatile boolean cut;

    Relay(JobSocket listening, UnixDomainSocketAddress controlPlane) {
      this.listening = listening;
      this.controlPlane = controlPlane;
    }

    void run() {
      try {
        Optional<SocketChannel> accepted = listening.accept(Duration.ofSeconds(120));
        if (accepted.isEmpty()) {
          return;
        }
        agent = accepted.get();
        upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
        upstream.connect(controlPlane);
        connected.countDown();
        Thread back = new Thread(() -> pump(upstream, agent), "relay-to-agent");
        back.setDaemon(true);
        back.start();
        pump(agent, upstream);
      } catch (IOException e) {
        close();
      }
    }

    /** Copies {@code from} to {@code to}; after the cut, drains {@code from} without passing on. */
    private void pump(SocketChannel from, SocketChannel to) {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      try {
        while (from.read(buffer) >= 0) {
          buffer.flip();
          if (!cut) {
            while (buffer.hasRemaining()) {
              to.write(buffer);
            }
          }
          buffer.clear();
        }
      } catch (IOException ended) {
        // One side is gone; the other pump sees it too.
      }
    }

    void cut(boolean agentToo) {
      try {
        if (!connected.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the agent never connected to the relay");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      cut = true;
      closeQuietly(upstream);
      if (agentToo) {
        closeQuietly(agent);
      }
    }

    void close() {
      closeQuietly(upstream);
      closeQuietly(agent);
      try {
        listening.close();
      } catch (IOException ignored) {
        // The test is over.
      }
    }

    private static void closeQuietly(SocketChannel channel) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // Already closed.
        }
      }
    }
  }
}

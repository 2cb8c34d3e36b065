package dev.perstack.agent.connection;

import dev.perstack.agent.loop.EventSink;
import dev.perstack.agent.loop.GenerationFailure;
import dev.perstack.agent.loop.ModelGateway;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.frame.CancelFrame;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationDeltaFrame;
import dev.perstack.protocol.frame.GenerationErrorFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.frame.HeartbeatFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.ProtocolVersion;
import dev.perstack.protocol.frame.RefusedFrame;
import dev.perstack.protocol.frame.WelcomeFrame;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.session.Peer;
import dev.perstack.protocol.session.ProtocolSession;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import dev.perstack.protocol.transport.Framing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The agent's connection to the control plane: proves the job token, receives the job spec, then
 * sends events, checkpoints and generation requests and dispatches the replies. Every frame in
 * either direction goes through a {@link ProtocolSession}, so the agent never sends what the
 * protocol forbids.
 */
public final class ControlPlaneConnection implements ModelGateway, EventSink, AutoCloseable {
  private final SocketChannel channel;
  private final FrameWriter writer;
  private final FrameReader reader;
  private final ProtocolSession session = new ProtocolSession();
  private final Map<String, PendingGeneration> pending = new ConcurrentHashMap<>();
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "perstack-heartbeat");
            t.setDaemon(true);
            return t;
          });
  private final JobSpec jobSpec;
  private volatile Runnable onCancel = () -> {};
  private volatile String closedBecause;
  private volatile boolean closing;

  private ControlPlaneConnection(SocketChannel channel, String jobToken)
      throws IOException, ProtocolException {
    this.channel = channel;
    ProtocolCodec codec = ProtocolCodec.create();
    this.writer = new FrameWriter(channel, codec, Framing.DEFAULT_MAX_FRAME_BYTES);
    this.reader = new FrameReader(channel, codec, Framing.DEFAULT_MAX_FRAME_BYTES);
    send(new HelloFrame(ProtocolVersion.CURRENT, jobToken));
    Frame answer =
        reader
            .read()
            .orElseThrow(
                () -> new ConnectionClosedException("the control plane closed before welcome"));
    session.accept(Peer.CONTROL_PLANE, answer);
    if (answer instanceof RefusedFrame refused) {
      throw new ConnectionClosedException(
          "the control plane refused this agent (" + refused.code() + "): " + refused.reason());
    }
    WelcomeFrame welcome = (WelcomeFrame) answer;
    this.jobSpec = welcome.jobSpec();
    if (ProtocolVersion.hasReferences(welcome.protocolVersion())) {
      writer.useReferences();
      reader.useReferences();
    }
  }

  /**
   * Connects, says hello with the job token and waits for the job spec.
   *
   * @throws ConnectionClosedException when the control plane refuses the token or closes
   */
  public static ControlPlaneConnection open(SocketAddress address, String jobToken)
      throws IOException, ProtocolException {
    SocketChannel channel = SocketChannel.open(address);
    try {
      ControlPlaneConnection connection = new ControlPlaneConnection(channel, jobToken);
      connection.startReading();
      return connection;
    } catch (IOException | ProtocolException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  public JobSpec jobSpec() {
    return jobSpec;
  }

  /** What to do when the control plane cancels the job (typically: interrupt the job thread). */
  public void onCancel(Runnable action) {
    this.onCancel = action;
  }

  /** Sends a heartbeat every {@code interval} so the control plane knows the agent is alive. */
  public void startHeartbeat(Duration interval) {
    heartbeat.scheduleAtFixedRate(
        () -> {
          try {
            send(new HeartbeatFrame(System.currentTimeMillis()));
          } catch (IOException | ProtocolException | UncheckedIOException e) {
            heartbeat.shutdown();
          }
        },
        interval.toMillis(),
        interval.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void event(PerstackEvent event) {
    sendUnchecked(new EventFrame(event));
  }

  @Override
  public void checkpoint(Checkpoint checkpoint) {
    sendUnchecked(new CheckpointFrame(checkpoint));
  }

  @Override
  public GenerationResponse generate(GenerationRequest request, Consumer<GenerationDelta> onDelta)
      throws GenerationFailure, InterruptedException {
    String requestId = UUID.randomUUID().toString();
    PendingGeneration generation = new PendingGeneration(onDelta, new CompletableFuture<>());
    pending.put(requestId, generation);
    try {
      send(new GenerateFrame(requestId, request));
      long timeout = jobSpec.limits().timeoutMillis();
      PendingGeneration.Reply reply =
          timeout > 0
              ? generation.reply().get(timeout, TimeUnit.MILLISECONDS)
              : generation.reply().get();
      if (reply.error() != null) {
        throw new GenerationFailure(reply.error());
      }
      return reply.response();
    } catch (TimeoutException e) {
      throw new GenerationFailure(
          new RunError(
              "TimeoutError",
              "no answer from the model within " + jobSpec.limits().timeoutMillis() + " ms",
              OptionalInt.empty(),
              true));
    } catch (ExecutionException e) {
      // Only end() fails a pending reply: the control plane is gone, so nobody would hear a
      // model error either. The job ends as a lost connection, not as a stopped run.
      throw new UncheckedIOException(
          new ConnectionClosedException(closedBecause().orElse("the connection ended"), e));
    } catch (ClosedByInterruptException e) {
      // A cancel interrupted the send, and the channel closes with it.
      throw new InterruptedException("cancelled while sending a generation");
    } catch (IOException e) {
      throw new UncheckedIOException(
          new ConnectionClosedException("the generation could not be sent: " + e, e));
    } catch (ProtocolException e) {
      throw brokeTheProtocol(e);
    } finally {
      pending.remove(requestId);
    }
  }

  /** Says goodbye and closes the socket. */
  public void close(String reason) {
    closing = true;
    heartbeat.shutdownNow();
    try {
      if (closedBecause == null) {
        send(new CloseFrame(reason));
      }
    } catch (IOException | ProtocolException | UncheckedIOException ignored) {
      // Closing anyway: the control plane sees the end of the stream.
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing left to release.
    }
  }

  @Override
  public void close() {
    close("done");
  }

  /** Why the control plane ended the connection, if it did. */
  public Optional<String> closedBecause() {
    return Optional.ofNullable(closedBecause);
  }

  private void startReading() {
    Thread thread = new Thread(this::readLoop, "perstack-control-plane-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void readLoop() {
    try {
      while (true) {
        Optional<Frame> next = reader.read();
        if (next.isEmpty()) {
          end("the control plane closed the connection");
          return;
        }
        Frame frame = next.get();
        session.accept(Peer.CONTROL_PLANE, frame);
        dispatch(frame);
        if (frame instanceof CloseFrame close) {
          end("the control plane closed the connection: " + close.reason());
          return;
        }
      }
    } catch (IOException | ProtocolException e) {
      end("the connection to the control plane failed: " + e.getMessage());
    }
  }

  private void dispatch(Frame frame) {
    if (frame instanceof GenerationDeltaFrame delta) {
      PendingGeneration generation = pending.get(delta.requestId());
      if (generation != null) {
        generation.onDelta().accept(delta.delta());
      }
    } else if (frame instanceof GenerationResultFrame result) {
      complete(result.requestId(), new PendingGeneration.Reply(result.response(), null));
    } else if (frame instanceof GenerationErrorFrame error) {
      complete(error.requestId(), new PendingGeneration.Reply(null, error.error()));
    } else if (frame instanceof CancelFrame) {
      onCancel.run();
    }
  }

  private void complete(String requestId, PendingGeneration.Reply reply) {
    PendingGeneration generation = pending.get(requestId);
    if (generation != null) {
      generation.reply().complete(reply);
    }
  }

  private void end(String why) {
    closedBecause = why;
    ConnectionClosedException closed = new ConnectionClosedException(why);
    pending.values().forEach(p -> p.reply().completeExceptionally(closed));
    if (!closing) {
      // The job is still running and can no longer report: stop it.
      onCancel.run();
    }
  }

  private void sendUnchecked(Frame frame) {
    try {
      send(frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ProtocolException e) {
      throw brokeTheProtocol(e);
    }
  }

  private static IllegalStateException brokeTheProtocol(ProtocolException e) {
    return new IllegalStateException("the agent broke the protocol: " + e.getMessage(), e);
  }

  private void send(Frame frame) throws IOException, ProtocolException {
    synchronized (writer) {
      session.accept(Peer.AGENT, frame);
      writer.write(frame);
    }
  }
}

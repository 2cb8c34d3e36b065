package dev.perstack.agent;

import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationDeltaFrame;
import dev.perstack.protocol.frame.GenerationErrorFrame;
import dev.perstack.protocol.frame.GenerationResultFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.ProtocolVersion;
import dev.perstack.protocol.frame.WelcomeFrame;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.session.HandshakeGate;
import dev.perstack.protocol.session.JobToken;
import dev.perstack.protocol.session.Peer;
import dev.perstack.protocol.session.ProtocolSession;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import dev.perstack.protocol.transport.Framing;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Plays the control plane for agent tests over a real Unix-domain socket: checks the job token,
 * sends the job spec, answers generations from a {@link ScriptedModel}, and records every event and
 * checkpoint, all through the same {@link ProtocolSession} rules as the real one.
 */
final class FakeControlPlane implements AutoCloseable {
  private final ServerSocketChannel server;
  private final UnixDomainSocketAddress address;
  private final JobSpec spec;
  private final JobToken token = JobToken.generate();
  private final ScriptedModel model;
  private final ProtocolSession session = new ProtocolSession();
  private final List<PerstackEvent> events = new ArrayList<>();
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile String closeReason;
  private volatile Throwable failure;
  private FrameWriter writer;

  FakeControlPlane(Path dir, JobSpec spec, ScriptedModel model) throws IOException {
    this.spec = spec;
    this.model = model;
    this.address = UnixDomainSocketAddress.of(dir.resolve("job.sock"));
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(address);
    Thread thread = new Thread(this::serve, "fake-control-plane");
    thread.setDaemon(true);
    thread.start();
  }

  UnixDomainSocketAddress address() {
    return address;
  }

  String token() {
    return token.reveal();
  }

  synchronized List<PerstackEvent> events() {
    return List.copyOf(events);
  }

  synchronized List<Checkpoint> checkpoints() {
    return List.copyOf(checkpoints);
  }

  synchronized List<String> eventTypes() {
    return events.stream().map(PerstackEvent::type).toList();
  }

  /** Waits for the agent's close; fails the test if the session broke a rule. */
  Optional<String> awaitClose(Duration timeout) throws InterruptedException {
    closed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (failure != null) {
      throw new AssertionError("the control plane saw a protocol failure", failure);
    }
    return Optional.ofNullable(closeReason);
  }

  private void serve() {
    try (SocketChannel channel = server.accept()) {
      ProtocolCodec codec = ProtocolCodec.create();
      FrameReader reader = new FrameReader(channel, codec, Framing.DEFAULT_MAX_FRAME_BYTES);
      writer = new FrameWriter(channel, codec, Framing.DEFAULT_MAX_FRAME_BYTES);
      HelloFrame hello = (HelloFrame) reader.read().orElseThrow();
      session.accept(Peer.AGENT, hello);
      new HandshakeGate(spec.jobId(), token).admit(hello);
      send(new WelcomeFrame(ProtocolVersion.CURRENT, Framing.DEFAULT_MAX_FRAME_BYTES, spec));
      reader.useReferences();
      writer.useReferences();
      while (true) {
        Optional<Frame> next = reader.read();
        if (next.isEmpty()) {
          return;
        }
        Frame frame = next.get();
        session.accept(Peer.AGENT, frame);
        if (frame instanceof EventFrame e) {
          synchronized (this) {
            events.add(e.event());
          }
        } else if (frame instanceof CheckpointFrame c) {
          synchronized (this) {
            checkpoints.add(c.checkpoint());
          }
        } else if (frame instanceof GenerateFrame g) {
          if (!answer(g)) {
            return;
          }
        } else if (frame instanceof CloseFrame c) {
          closeReason = c.reason();
          return;
        }
      }
    } catch (IOException | ProtocolException | RuntimeException e) {
      failure = e;
    } finally {
      closed.countDown();
    }
  }

  /** Answers one generation; false when the script hangs up instead. */
  private boolean answer(GenerateFrame generate) throws IOException, ProtocolException {
    ScriptedModel.Reply reply = model.next(generate.request());
    if (reply instanceof ScriptedModel.HangUp) {
      return false;
    }
    if (reply instanceof ScriptedModel.Answer answer) {
      for (var delta : answer.deltas()) {
        send(new GenerationDeltaFrame(generate.requestId(), delta));
      }
      send(new GenerationResultFrame(generate.requestId(), answer.response()));
    } else if (reply instanceof ScriptedModel.Failure failed) {
      send(new GenerationErrorFrame(generate.requestId(), failed.error()));
    }
    return true;
  }

  private synchronized void send(Frame frame) throws IOException, ProtocolException {
    session.accept(Peer.CONTROL_PLANE, frame);
    writer.write(frame);
  }

  @Override
  public void close() throws IOException {
    server.close();
    java.nio.file.Files.deleteIfExists(address.getPath());
  }
}

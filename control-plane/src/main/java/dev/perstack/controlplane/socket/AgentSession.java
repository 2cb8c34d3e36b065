package dev.perstack.controlplane.socket;

import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.frame.CancelFrame;
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
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.job.JobSpec;
import dev.perstack.protocol.session.HandshakeGate;
import dev.perstack.protocol.session.JobToken;
import dev.perstack.protocol.session.Peer;
import dev.perstack.protocol.session.ProtocolSession;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import dev.perstack.protocol.transport.Framing;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * The control plane's side of one agent connection. Everything the agent sends is untrusted: each
 * frame is size-capped, decoded against the schema and checked by a {@link ProtocolSession} (order,
 * this job only, monotonic steps, known request ids); the first violation ends the session and
 * nothing of the offending frame is reported.
 */
public final class AgentSession {
  private final JobSpec spec;
  private final HandshakeGate gate;
  private final SocketChannel channel;
  private final JobReporter reporter;
  private final GenerationHandler generator;
  private final ExecutorService pool;
  private final ProtocolSession session = new ProtocolSession();
  private final FrameReader reader;
  private final FrameWriter writer;

  public AgentSession(
      JobSpec spec,
      JobToken token,
      SocketChannel channel,
      JobReporter reporter,
      GenerationHandler generator,
      ExecutorService pool,
      int maxFrameBytes) {
    this.spec = spec;
    this.gate = new HandshakeGate(spec.jobId(), token);
    this.channel = channel;
    this.reporter = reporter;
    this.generator = generator;
    this.pool = pool;
    ProtocolCodec codec = ProtocolCodec.create();
    this.reader = new FrameReader(channel, codec, maxFrameBytes);
    this.writer = new FrameWriter(channel, codec, Framing.DEFAULT_MAX_FRAME_BYTES);
  }

  /** Admits the agent, then serves it until it closes, breaks a rule or disconnects. */
  public SessionEnd run() {
    try {
      admit();
      while (true) {
        Optional<Frame> next = reader.read();
        if (next.isEmpty()) {
          return SessionEnd.lost(
              "the connection to the sandbox dropped before the agent said goodbye");
        }
        Frame frame = next.get();
        session.accept(Peer.AGENT, frame);
        if (frame instanceof EventFrame event) {
          reporter.event(event.event());
        } else if (frame instanceof CheckpointFrame checkpoint) {
          reporter.checkpoint(checkpoint.checkpoint());
        } else if (frame instanceof GenerateFrame generate) {
          reporter.whenStored(
              () -> pool.submit(() -> generate(generate)),
              failure -> sendQuietly(notStored(generate)));
        } else if (frame instanceof CloseFrame close) {
          return SessionEnd.closed(close.reason());
        }
      }
    } catch (ProtocolException violation) {
      sendQuietly(new CloseFrame("protocol violation: " + violation.code()));
      return SessionEnd.violated(violation);
    } catch (IOException e) {
      return SessionEnd.lost(
          "the connection to the sandbox failed ("
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
              + ")");
    } finally {
      closeChannel();
    }
  }

  /** Asks the agent to stop the job. */
  public void cancel(String reason) {
    sendQuietly(new CancelFrame(reason));
  }

  /** Cuts the connection (the agent sees the end of the stream). */
  public void closeChannel() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  private void admit() throws IOException, ProtocolException {
    Frame first =
        reader.read().orElseThrow(() -> new IOException("the sandbox connected but sent nothing"));
    session.accept(Peer.AGENT, first);
    HelloFrame hello = (HelloFrame) first;
    try {
      gate.admit(hello);
    } catch (ProtocolException refused) {
      send(HandshakeGate.refusal(refused));
      throw refused;
    }
    int version = hello.protocolVersion();
    send(new WelcomeFrame(version, Framing.DEFAULT_MAX_FRAME_BYTES, spec));
    if (ProtocolVersion.hasReferences(version)) {
      reader.useReferences();
      writer.useReferences();
    }
  }

  /**
   * Runs once the checkpoints the agent sent before the request are stored: a model that has seen a
   * step's request proves the step before it durable, so a control plane killed at any moment
   * resumes from the last step the model went past.
   */
  private void generate(GenerateFrame frame) {
    try {
      GenerationResponse response =
          generator.generate(
              spec.jobId(),
              frame.request(),
              delta -> sendQuietly(new GenerationDeltaFrame(frame.requestId(), delta)));
      sendQuietly(new GenerationResultFrame(frame.requestId(), response));
    } catch (GenerationHandler.Failed failed) {
      sendQuietly(new GenerationErrorFrame(frame.requestId(), failed.error()));
    } catch (RuntimeException e) {
      sendQuietly(
          new GenerationErrorFrame(
              frame.requestId(),
              new RunError(
                  "GatewayError", String.valueOf(e.getMessage()), OptionalInt.empty(), false)));
    }
  }

  /**
   * The answer to a generation whose step could not be stored: the model was not called. What the
   * store said stays out of the sandbox; the job's error carries it.
   */
  private static GenerationErrorFrame notStored(GenerateFrame frame) {
    return new GenerationErrorFrame(
        frame.requestId(),
        new RunError(
            "StoreError",
            "the model was not called: the control plane could not store the step before this"
                + " generation",
            OptionalInt.empty(),
            false));
  }

  private void sendQuietly(Frame frame) {
    try {
      send(frame);
    } catch (IOException | ProtocolException e) {
      // The session's reader sees the broken connection and ends the job.
    }
  }

  private void send(Frame frame) throws IOException, ProtocolException {
    synchronized (writer) {
      session.accept(Peer.CONTROL_PLANE, frame);
      writer.write(frame);
    }
  }
}

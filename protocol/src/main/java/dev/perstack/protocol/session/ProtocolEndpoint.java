package dev.perstack.protocol.session;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.transport.FrameReader;
import dev.perstack.protocol.transport.FrameWriter;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * One end of a job's socket: frames go through the {@link ProtocolSession} before they are written
 * and after they are read, so neither end can send or accept a frame out of order. Any thread may
 * send; one thread receives.
 */
public final class ProtocolEndpoint {
  private final Peer self;
  private final FrameReader reader;
  private final FrameWriter writer;
  private final ProtocolSession session;
  private final Object sendLock = new Object();

  /** An endpoint over a reader and writer of the same connection. */
  public ProtocolEndpoint(
      Peer self, FrameReader reader, FrameWriter writer, ProtocolSession session) {
    this.self = Objects.requireNonNull(self, "self");
    this.reader = Objects.requireNonNull(reader, "reader");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.session = Objects.requireNonNull(session, "session");
  }

  /** An endpoint over a blocking channel, such as a Unix-domain {@code SocketChannel}. */
  public static ProtocolEndpoint over(
      Peer self, ByteChannel channel, ProtocolCodec codec, int maxFrameBytes) {
    return new ProtocolEndpoint(
        self,
        new FrameReader(channel, codec, maxFrameBytes),
        new FrameWriter(channel, codec, maxFrameBytes),
        new ProtocolSession());
  }

  /**
   * Checks a frame's size and order, then writes it; frames from several threads reach the wire in
   * the order the session accepted them. A frame that fails a check is not written and leaves the
   * session as it was.
   */
  public void send(Frame frame) throws IOException, ProtocolException {
    synchronized (sendLock) {
      FrameWriter.Encoded encoded = writer.encode(frame);
      checkPeerLimit(frame, encoded.size());
      session.accept(self, frame);
      writer.writeEncoded(encoded);
    }
  }

  /**
   * The next frame from the other end, checked against the session; empty when the other end closed
   * cleanly.
   *
   * @throws ProtocolException for a framing, decoding or ordering error, or {@code CONNECTION_LOST}
   *     when the stream ended without {@code close}
   */
  public Optional<Frame> receive() throws IOException, ProtocolException {
    Optional<Frame> frame = reader.read();
    if (frame.isEmpty()) {
      session.endOfStream(self.other());
      return frame;
    }
    session.accept(self.other(), frame.get());
    return frame;
  }

  /** The agent keeps to the frame size the control plane announced in {@code welcome}. */
  private void checkPeerLimit(Frame frame, int size) throws ProtocolException {
    if (self != Peer.AGENT) {
      return;
    }
    Optional<Integer> limit = session.maxFrameBytes();
    if (limit.isPresent() && size > limit.get()) {
      throw new ProtocolException(
          ProtocolErrorCode.FRAME_TOO_LARGE,
          "a "
              + frame.type()
              + " frame needs "
              + size
              + " bytes; the control plane reads at most "
              + limit.get(),
          "outgoing " + frame.type() + " frame",
          "send less per frame, or raise the control plane's maximum frame size");
    }
  }

  /** The session this endpoint keeps. */
  public ProtocolSession session() {
    return session;
  }
}

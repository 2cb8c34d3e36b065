package dev.perstack.protocol.transport;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.codec.WireReferences;
import dev.perstack.protocol.frame.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Objects;

/**
 * Writes length-prefixed frames to a blocking channel or stream; safe to call from several threads,
 * each frame is written whole. It does not close the channel.
 */
public final class FrameWriter {
  private final WritableByteChannel channel;
  private final OutputStream flushable;
  private final ProtocolCodec codec;
  private final int maxFrameBytes;
  private volatile WireReferences sent;
  private long framesWritten;

  /** Writes to a blocking channel, such as a Unix-domain {@code SocketChannel}. */
  public FrameWriter(WritableByteChannel channel, ProtocolCodec codec, int maxFrameBytes) {
    this(channel, null, codec, maxFrameBytes);
  }

  private FrameWriter(
      WritableByteChannel channel, OutputStream flushable, ProtocolCodec codec, int maxFrameBytes) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.flushable = flushable;
    this.codec = Objects.requireNonNull(codec, "codec");
    this.maxFrameBytes = Framing.checkMax(maxFrameBytes);
    if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
      throw new IllegalArgumentException("a FrameWriter needs a channel in blocking mode");
    }
  }

  /** Writes to a stream, flushing it after every frame. */
  public static FrameWriter of(OutputStream out, ProtocolCodec codec, int maxFrameBytes) {
    return new FrameWriter(Channels.newChannel(out), out, codec, maxFrameBytes);
  }

  /**
   * From now on, frames refer to the messages and tools this writer already wrote in full instead
   * of repeating them (protocol version 2). Call it once, after the handshake agreed on version 2,
   * and have the other end's reader do the same.
   */
  public void useReferences() {
    if (sent == null) {
      sent = new WireReferences();
    }
  }

  /**
   * Encodes and writes one frame.
   *
   * @throws ProtocolException {@code FRAME_TOO_LARGE} when the body exceeds the maximum; nothing is
   *     written then
   */
  public synchronized void write(Frame frame) throws IOException, ProtocolException {
    writeEncoded(encode(frame));
  }

  /**
   * Encodes a frame and checks its size without writing it, for callers that must do something
   * between the check and the write. With references on, write it with {@link
   * #writeEncoded(Encoded)} before encoding the next frame, so that what it refers to is on the
   * wire.
   *
   * @throws ProtocolException {@code FRAME_TOO_LARGE} when the body exceeds the maximum
   */
  public synchronized Encoded encode(Frame frame) throws ProtocolException {
    WireReferences references = sent;
    WireReferences.Draft draft = references == null ? null : references.draft();
    byte[] body = draft == null ? codec.encodeFrame(frame) : codec.encodeFrame(frame, draft);
    if (body.length > maxFrameBytes) {
      throw new ProtocolException(
          ProtocolErrorCode.FRAME_TOO_LARGE,
          "a "
              + frame.type()
              + " frame needs "
              + body.length
              + " bytes; the limit is "
              + maxFrameBytes,
          "outgoing " + frame.type() + " frame",
          "send less per frame (for example fewer or smaller inline images), or raise the limit"
              + " on both sides");
    }
    return new Encoded(body, draft, framesWritten);
  }

  /** Writes a frame that {@link #encode(Frame)} returned. */
  public synchronized void writeEncoded(Encoded frame) throws IOException {
    byte[] body = frame.body;
    if (body.length == 0 || body.length > maxFrameBytes) {
      throw new IllegalArgumentException(
          "a frame body must have 1 to " + maxFrameBytes + " bytes, had " + body.length);
    }
    if (frame.draft != null && frame.writtenBefore != framesWritten) {
      // Its references were worked out against what was on the wire then; another frame since may
      // have redefined an id it refers to.
      throw new IllegalStateException(
          "with references on, write each encoded frame before encoding the next one");
    }
    writeBody(body);
    framesWritten++;
    if (frame.draft != null) {
      frame.draft.commit();
    }
  }

  /** An encoded frame, not yet written. */
  public static final class Encoded {
    private final byte[] body;
    private final WireReferences.Draft draft;
    private final long writtenBefore;

    private Encoded(byte[] body, WireReferences.Draft draft, long writtenBefore) {
      this.body = body;
      this.draft = draft;
      this.writtenBefore = writtenBefore;
    }

    /** The frame's body: UTF-8 JSON without the length prefix. */
    public byte[] body() {
      return body.clone();
    }

    /** The body's length in bytes. */
    public int size() {
      return body.length;
    }
  }

  /** Writes a body as one frame, unchecked; for relays and tests. */
  synchronized void writeBody(byte[] body) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Framing.PREFIX_BYTES + body.length);
    buffer.putInt(body.length).put(body).flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    if (flushable != null) {
      flushable.flush();
    }
  }
}

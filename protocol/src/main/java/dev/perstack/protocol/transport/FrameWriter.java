package dev.perstack.protocol.transport;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
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
   * Encodes and writes one frame.
   *
   * @throws ProtocolException {@code FRAME_TOO_LARGE} when the body exceeds the maximum; nothing is
   *     written then
   */
  public void write(Frame frame) throws IOException, ProtocolException {
    writeBody(encode(frame));
  }

  /**
   * Encodes a frame and checks its size without writing it, for callers that must do something
   * between the check and the write.
   *
   * @throws ProtocolException {@code FRAME_TOO_LARGE} when the body exceeds the maximum
   */
  public byte[] encode(Frame frame) throws ProtocolException {
    byte[] body = codec.encodeFrame(frame);
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
    return body;
  }

  /** Writes a body that {@link #encode(Frame)} returned as one frame. */
  public void writeEncoded(byte[] body) throws IOException {
    if (body.length == 0 || body.length > maxFrameBytes) {
      throw new IllegalArgumentException(
          "a frame body must have 1 to " + maxFrameBytes + " bytes, had " + body.length);
    }
    writeBody(body);
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

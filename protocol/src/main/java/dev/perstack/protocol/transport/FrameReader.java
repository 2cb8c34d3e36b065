package dev.perstack.protocol.transport;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.codec.WireReferences;
import dev.perstack.protocol.frame.Frame;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Reads length-prefixed frames from a blocking channel or stream, refusing an oversized length
 * before allocating anything for the body. One thread reads; it does not close the channel.
 */
public final class FrameReader {
  private final ReadableByteChannel channel;
  private final ProtocolCodec codec;
  private final int maxFrameBytes;
  private final IntFunction<ByteBuffer> allocator;
  private final ByteBuffer prefix = ByteBuffer.allocate(Framing.PREFIX_BYTES);
  private long framesRead;
  private ProtocolException outOfSync;
  private WireReferences received;

  /** Reads from a blocking channel, such as a Unix-domain {@code SocketChannel}. */
  public FrameReader(ReadableByteChannel channel, ProtocolCodec codec, int maxFrameBytes) {
    this(channel, codec, maxFrameBytes, ByteBuffer::allocate);
  }

  FrameReader(
      ReadableByteChannel channel,
      ProtocolCodec codec,
      int maxFrameBytes,
      IntFunction<ByteBuffer> allocator) {
    this.channel = Objects.requireNonNull(channel, "channel");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.maxFrameBytes = Framing.checkMax(maxFrameBytes);
    this.allocator = Objects.requireNonNull(allocator, "allocator");
    if (channel instanceof SelectableChannel selectable && !selectable.isBlocking()) {
      throw new IllegalArgumentException("a FrameReader needs a channel in blocking mode");
    }
  }

  /** Reads from a stream. */
  public static FrameReader of(InputStream in, ProtocolCodec codec, int maxFrameBytes) {
    return new FrameReader(Channels.newChannel(in), codec, maxFrameBytes);
  }

  /**
   * From now on, frames may refer to messages and tools the other end already sent in full on this
   * stream (protocol version 2). Call it once, after the handshake agreed on version 2, from the
   * reading thread.
   */
  public void useReferences() {
    if (received == null) {
      received = new WireReferences();
    }
  }

  /** How many frame bodies were read so far. */
  public long framesRead() {
    return framesRead;
  }

  /**
   * The next frame, or empty when the stream ended cleanly between two frames.
   *
   * @throws ProtocolException {@code FRAME_TOO_LARGE} or {@code TRUNCATED}, after which the stream
   *     is out of sync and every later call fails too; or a decoding error ({@code MALFORMED},
   *     {@code UNKNOWN_TYPE}, {@code MISSING_FIELD}, {@code INVALID_FIELD}) for one whole frame
   */
  public Optional<Frame> read() throws IOException, ProtocolException {
    Optional<byte[]> body = readBody();
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (received == null) {
        return Optional.of(codec.decodeFrame(body.get()));
      }
      WireReferences.Draft draft = received.draft();
      Frame frame = codec.decodeFrame(body.get(), draft);
      draft.commit();
      return Optional.of(frame);
    } catch (ProtocolException e) {
      String where = "frame " + framesRead + e.where().map(w -> ", " + w).orElse("");
      throw new ProtocolException(e.code(), e.what(), where, e.fix(), e);
    }
  }

  /** The next frame's body, undecoded, or empty when the stream ended cleanly between frames. */
  public Optional<byte[]> readBody() throws IOException, ProtocolException {
    if (outOfSync != null) {
      throw new ProtocolException(
          outOfSync.code(),
          "the stream is out of sync since an earlier framing error: " + outOfSync.what(),
          "frame " + (framesRead + 1),
          "close the connection; a stream cannot recover from a framing error",
          outOfSync);
    }
    prefix.clear();
    int prefixRead = fill(prefix);
    if (prefixRead == 0) {
      return Optional.empty();
    }
    long frame = framesRead + 1;
    if (prefix.hasRemaining()) {
      throw broken(
          ProtocolErrorCode.TRUNCATED,
          "the stream ended after " + prefixRead + " of the 4 bytes of a length prefix",
          "frame " + frame);
    }
    long length = Integer.toUnsignedLong(prefix.flip().getInt());
    if (length > maxFrameBytes) {
      throw broken(
          ProtocolErrorCode.FRAME_TOO_LARGE,
          "a frame announced " + length + " bytes; the limit is " + maxFrameBytes,
          "frame " + frame);
    }
    if (length == 0) {
      throw broken(
          ProtocolErrorCode.MALFORMED, "a frame announced an empty body", "frame " + frame);
    }
    ByteBuffer body = allocator.apply((int) length);
    int bodyRead = fill(body);
    if (body.hasRemaining()) {
      throw broken(
          ProtocolErrorCode.TRUNCATED,
          "the stream ended after " + bodyRead + " of the " + length + " bytes of a frame body",
          "frame " + frame);
    }
    framesRead = frame;
    return Optional.of(body.array());
  }

  /** Reads until the buffer is full or the stream ends; returns the bytes read. */
  private int fill(ByteBuffer buffer) throws IOException {
    int total = 0;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  private ProtocolException broken(ProtocolErrorCode code, String what, String where) {
    String fix =
        switch (code) {
          case FRAME_TOO_LARGE -> "send smaller frames, or raise the reader's maximum frame size";
          case TRUNCATED -> "write whole frames and send close before ending the stream";
          default -> "prefix every frame with the length of its non-empty JSON body";
        };
    outOfSync = new ProtocolException(code, what, where, fix);
    return outOfSync;
  }
}

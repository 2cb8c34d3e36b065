package dev.perstack.protocol.transport;

/** The framing's constants: a 4-byte big-endian length, then that many bytes of UTF-8 JSON. */
public final class Framing {
  /** Bytes in the length prefix. */
  public static final int PREFIX_BYTES = 4;

  /** The largest frame body read or written unless configured otherwise: 4 MiB. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

  private Framing() {}

  static int checkMax(int maxFrameBytes) {
    if (maxFrameBytes < 2) {
      throw new IllegalArgumentException(
          "the maximum frame size must leave room for a JSON object, was " + maxFrameBytes);
    }
    return maxFrameBytes;
  }
}

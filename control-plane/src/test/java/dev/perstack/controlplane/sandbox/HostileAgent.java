package dev.perstack.controlplane.sandbox;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A hostile sandbox agent, run with {@code java -cp} inside the sandbox image in place of the real
 * agent: it connects with the job's token, gets welcomed, then breaks the protocol in the way its
 * argument names. It uses nothing but the JDK, so that its one class file is all it needs.
 *
 * <p>Modes: {@code oversized} (a frame that claims 2 GiB, then a stream of bytes), {@code
 * malformed} (a frame whose body is not JSON), {@code out-of-order} (a second hello), {@code
 * early-event} (an event before hello).
 */
public final class HostileAgent {
  private HostileAgent() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "malformed";
    String token = System.getenv("PERSTACK_JOB_TOKEN");
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(System.getenv("PERSTACK_SOCKET")));
      String hello = "{\"type\":\"hello\",\"protocolVersion\":1,\"jobToken\":\"" + token + "\"}";
      if (mode.equals("early-event")) {
        send(channel, "{\"type\":\"heartbeat\",\"timestamp\":1}");
      } else {
        send(channel, hello);
        System.out.println("hostile: welcome of " + readFrame(channel) + " bytes; now " + mode);
        switch (mode) {
          case "oversized" -> oversized(channel);
          case "out-of-order" -> send(channel, hello);
          default -> send(channel, "{this is not json");
        }
      }
      drain(channel);
    } catch (IOException e) {
      System.out.println("hostile: cut off (" + e.getMessage() + ")");
    }
  }

  private static void oversized(SocketChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4).putInt(0x7FFF_FFF0).flip();
    write(channel, header);
    ByteBuffer junk = ByteBuffer.allocate(1 << 20);
    for (int i = 0; i < 4096; i++) {
      junk.clear();
      write(channel, junk);
    }
  }

  private static void send(SocketChannel channel, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    write(channel, ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip());
  }

  private static int readFrame(SocketChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(4);
    fill(channel, header);
    int length = header.flip().getInt();
    if (length <= 0 || length > (64 << 20)) {
      throw new IOException("unexpected frame length " + length);
    }
    fill(channel, ByteBuffer.allocate(length));
    return length;
  }

  private static void drain(SocketChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (channel.read(buffer) >= 0) {
      buffer.clear();
    }
    System.out.println("hostile: the control plane closed the connection");
  }

  private static void fill(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException("end of stream");
      }
    }
  }

  private static void write(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}

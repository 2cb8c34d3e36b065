package dev.perstack.controlplane.socket;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/**
 * One job's Unix socket, in a directory of its own (mode 0700) that is the only thing mounted into
 * the job's sandbox, so no job can reach another job's socket.
 */
public final class JobSocket implements AutoCloseable {
  /**
   * The socket's file name inside its directory (the sandbox sees {@code
   * /run/perstack/agent.sock}).
   */
  public static final String FILE_NAME = "agent.sock";

  private final Path directory;
  private final UnixDomainSocketAddress address;
  private final ServerSocketChannel server;

  private JobSocket(Path directory) throws IOException {
    this.directory = directory;
    this.address = UnixDomainSocketAddress.of(directory.resolve(FILE_NAME));
    this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(address);
  }

  /** Creates {@code directory} (mode 0700) and listens on a socket in it. */
  public static JobSocket open(Path directory) throws IOException {
    Files.createDirectories(directory.getParent());
    Files.createDirectory(
        directory,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.deleteIfExists(directory.resolve(FILE_NAME));
    return new JobSocket(directory);
  }

  public Path directory() {
    return directory;
  }

  public Path path() {
    return address.getPath();
  }

  /** Waits up to {@code timeout} for the sandbox to connect; empty when it did not. */
  public Optional<SocketChannel> accept(Duration timeout) throws IOException {
    server.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      server.register(selector, SelectionKey.OP_ACCEPT);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        selector.select(left);
        SocketChannel channel = server.accept();
        if (channel != null) {
          channel.configureBlocking(true);
          return Optional.of(channel);
        }
        if (System.nanoTime() >= deadline) {
          return Optional.empty();
        }
      }
    }
  }

  /** Stops listening and removes the socket file (the directory stays for the job's logs). */
  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(address.getPath());
  }
}

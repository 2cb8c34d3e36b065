package dev.perstack.agent.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * JSON-RPC over the standard streams of a process this class did not start.
 *
 * <p>The SDK's own stdio transport starts the process itself and keeps it private, so the caller
 * can neither clear its environment reliably nor watch it exit; taking an already started process
 * gives both.
 */
final class ChildProcessTransport implements McpClientTransport {
  /** The longest message a server may send, as the SDK's own stdio transport allows. */
  static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

  /** Longer stderr lines are cut: each becomes an event, and events travel in bounded frames. */
  static final int MAX_STDERR_LINE_CHARS = 8 * 1024;

  private final Process process;
  private final McpJsonMapper json;
  private final String threadName;
  private final Consumer<String> stderrLines;
  private final Duration closeTimeout;
  private final OutputStream stdin;
  private final CompletableFuture<Void> stdoutDone = new CompletableFuture<>();
  private volatile boolean closing;

  /**
   * Starts reading stderr at once, so that a server that fails before the handshake still tells
   * why.
   */
  ChildProcessTransport(
      Process process,
      McpJsonMapper json,
      String threadName,
      Consumer<String> stderrLines,
      Duration closeTimeout) {
    this.process = process;
    this.json = json;
    this.threadName = threadName;
    this.stderrLines = stderrLines;
    this.closeTimeout = closeTimeout;
    this.stdin = process.getOutputStream();
    daemon("stderr", () -> readStderr(process.getErrorStream())).start();
  }

  /** Completes once standard output reached its end and every message read was handed on. */
  CompletableFuture<Void> stdoutDone() {
    return stdoutDone;
  }

  @Override
  public Mono<Void> connect(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    return Mono.fromRunnable(() -> daemon("stdout", () -> readStdout(handler)).start());
  }

  @Override
  public Mono<Void> sendMessage(JSONRPCMessage message) {
    // Off the caller's thread: the reader thread answers server requests through here, and a
    // blocking write there could deadlock against a server blocked on writing its stdout.
    return Mono.<Void>fromRunnable(() -> write(message)).subscribeOn(Schedulers.boundedElastic());
  }

  private void write(JSONRPCMessage message) {
    try {
      byte[] line = (json.writeValueAsString(message) + "\n").getBytes(StandardCharsets.UTF_8);
      synchronized (stdin) {
        stdin.write(line);
        stdin.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the MCP server: " + e.getMessage(), e);
    }
  }

  @Override
  public Mono<Void> closeGracefully() {
    return Mono.<Void>fromRunnable(this::shutdown).subscribeOn(Schedulers.boundedElastic());
  }

  @Override
  public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
    return json.convertValue(data, typeRef);
  }

  /**
   * Ends the process as the MCP stdio transport describes: close its input, wait, then terminate,
   * then kill. Its descendants go too: {@code npx} runs the real server as a grandchild that would
   * otherwise outlive it.
   */
  void shutdown() {
    closing = true;
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      synchronized (stdin) {
        stdin.close();
      }
    } catch (IOException e) {
      // Already closed because the process is gone: nothing to tell it.
    }
    if (!awaitExit(closeTimeout)) {
      descendants.forEach(ProcessHandle::destroy);
      process.destroy();
      if (!awaitExit(closeTimeout)) {
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(closeTimeout);
      }
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private void readStdout(Function<Mono<JSONRPCMessage>, Mono<JSONRPCMessage>> handler) {
    try (BufferedReader reader = reader(process.getInputStream())) {
      String line;
      while ((line = readLine(reader, MAX_MESSAGE_CHARS, false)) != null) {
        if (line.isBlank()) {
          continue;
        }
        JSONRPCMessage message;
        try {
          message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | IllegalArgumentException e) {
          // A server that prints to stdout breaks the protocol; show the line rather than lose it.
          stderrLines.accept("(not JSON-RPC on stdout) " + line);
          continue;
        }
        // Synchronous hand-off: once stdout is done, every response read has reached its caller.
        handler.apply(Mono.just(message)).subscribe(m -> {}, e -> {});
      }
    } catch (LineTooLong e) {
      // Reading on would hold an unbounded message in memory; a server that does this is broken.
      stderrLines.accept("(stopping the server: it sent a message over " + e.getMessage() + ")");
      process.destroyForcibly();
    } catch (IOException e) {
      if (!closing) {
        stderrLines.accept("(reading the server's stdout failed) " + e.getMessage());
      }
    } finally {
      stdoutDone.complete(null);
    }
  }

  private void readStderr(InputStream stderr) {
    try (BufferedReader reader = reader(stderr)) {
      String line;
      while ((line = readLine(reader, MAX_STDERR_LINE_CHARS, true)) != null) {
        if (!line.isBlank()) {
          stderrLines.accept(line.stripTrailing());
        }
      }
    } catch (IOException e) {
      // The stream closes when the process ends; nothing more to read.
    }
  }

  /**
   * One line without its line break, or null at the end of the stream. A line over {@code max}
   * characters is cut there when {@code truncate}, and fails with {@link LineTooLong} otherwise.
   */
  static String readLine(BufferedReader reader, int max, boolean truncate) throws IOException {
    StringBuilder line = new StringBuilder();
    boolean cut = false;
    int c;
    while ((c = reader.read()) != -1) {
      if (c == '\n') {
        return stripCarriageReturn(line);
      }
      if (line.length() < max) {
        line.append((char) c);
      } else if (!truncate) {
        throw new LineTooLong(max + " characters");
      } else if (!cut) {
        line.append(" [cut]");
        cut = true;
      }
    }
    return line.length() == 0 ? null : stripCarriageReturn(line);
  }

  private static String stripCarriageReturn(StringBuilder line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  /** A server sent a message longer than this transport accepts. */
  static final class LineTooLong extends IOException {
    private static final long serialVersionUID = 1L;

    LineTooLong(String limit) {
      super(limit);
    }
  }

  private static BufferedReader reader(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private Thread daemon(String stream, Runnable body) {
    Thread thread = new Thread(body, threadName + "-" + stream);
    thread.setDaemon(true);
    return thread;
  }

  /** Waits for a future without the checked exceptions, for use in shutdown paths. */
  static void awaitQuietly(CompletableFuture<?> future, Duration timeout) {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Best effort: the caller goes on either way.
    }
  }
}

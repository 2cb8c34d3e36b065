package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies a container's own output (stdout and stderr, as the engine keeps it) into the job's log
 * file, up to a cap, and lets the runtime add lines of its own (such as why the container ended).
 */
final class ContainerLog implements AutoCloseable {
  private final Path file;
  private final long capBytes;
  private final OutputStream out;
  private final CountDownLatch done = new CountDownLatch(1);
  private long written;
  private boolean cut;
  private volatile ResultCallback.Adapter<Frame> follow;

  private ContainerLog(Path file, long capBytes, OutputStream out) {
    this.file = file;
    this.capBytes = capBytes;
    this.out = out;
  }

  /** Opens (appends to) {@code file}, creating its directory. */
  static ContainerLog open(Path file, long capBytes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return new ContainerLog(file, capBytes, out);
  }

  Path file() {
    return file;
  }

  /** Follows the container's output until it exits (start it after the container started). */
  void follow(DockerClient docker, String containerId) {
    follow =
        docker
            .logContainerCmd(containerId)
            .withStdOut(true)
            .withStdErr(true)
            .withFollowStream(true)
            .exec(
                new ResultCallback.Adapter<>() {
                  @Override
                  public void onNext(Frame frame) {
                    write(frame.getPayload());
                  }

                  @Override
                  public void onError(Throwable throwable) {
                    note("[perstack] reading the container's output failed: " + throwable);
                    done.countDown();
                  }

                  @Override
                  public void onComplete() {
                    done.countDown();
                  }
                });
  }

  /** Waits until the engine delivered all output of the exited container (or gives up). */
  void awaitEnd(Duration timeout) {
    try {
      if (follow != null && !done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        note("[perstack] gave up waiting for the rest of the container's output");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Adds one line of the runtime's own. */
  synchronized void note(String line) {
    try {
      out.write((line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException ignored) {
      // The log is best effort; the job's events carry what matters.
    }
  }

  private synchronized void write(byte[] bytes) {
    if (cut) {
      return;
    }
    try {
      long room = capBytes - written;
      if (bytes.length > room) {
        out.write(bytes, 0, (int) Math.max(0, room));
        out.write(
            ("\n[perstack] the container's output was cut at " + capBytes + " bytes\n")
                .getBytes(StandardCharsets.UTF_8));
        cut = true;
      } else {
        out.write(bytes);
      }
      written += bytes.length;
      out.flush();
    } catch (IOException ignored) {
      // As above.
    }
  }

  @Override
  public synchronized void close() {
    ResultCallback.Adapter<Frame> current = follow;
    try {
      if (current != null) {
        current.close();
      }
    } catch (IOException ignored) {
      // Closing the stream only stops following.
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // Nothing left to save.
    }
  }
}

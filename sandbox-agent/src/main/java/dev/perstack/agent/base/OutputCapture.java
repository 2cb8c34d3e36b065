package dev.perstack.agent.base;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a command on its own thread, keeping the first {@code cap} bytes and
 * counting the rest, so a chatty command neither blocks on a full pipe nor fills the agent's
 * memory.
 *
 * <p>It reads only what {@link InputStream#available()} says is there and never blocks while the
 * command runs. That matters once the command exits: the JDK then drains what is left in the pipe
 * and closes it, but only if no reader is blocked inside the stream. A background process that
 * inherited the pipe would otherwise keep a blocked read (and the call) waiting for as long as it
 * lives; this way the call ends with the command, and the background process gets a broken pipe if
 * it writes again, as after {@code cmd | head}.
 */
final class OutputCapture implements Runnable {
  private static final long POLL_MILLIS = 5;
  // How long after the exit the JDK is given to swap the pipe for what was left in it.
  private static final long SETTLE_MILLIS = 50;

  private final InputStream in;
  private final Process process;
  private final int cap;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long total;
  private final Thread thread;

  OutputCapture(Process process, InputStream in, int cap, String name) {
    this.process = process;
    this.in = in;
    this.cap = cap;
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    long exitedAt = -1;
    try (in) {
      while (true) {
        int ready = in.available();
        if (ready > 0) {
          int n = in.read(buffer, 0, Math.min(ready, buffer.length));
          if (n < 0) {
            return;
          }
          keep(buffer, n);
          continue;
        }
        if (process.isAlive()) {
          Thread.sleep(POLL_MILLIS);
          continue;
        }
        if (exitedAt < 0) {
          exitedAt = System.nanoTime();
        }
        if (System.nanoTime() - exitedAt < SETTLE_MILLIS * 1_000_000) {
          Thread.sleep(POLL_MILLIS);
          continue;
        }
        // By now the stream holds only what was left in the pipe: this read does not wait.
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        keep(buffer, n);
      }
    } catch (IOException e) {
      // The pipe broke (the process was killed): keep what arrived.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void keep(byte[] buffer, int n) {
    int room = (int) Math.min(n, Math.max(0, cap - kept.size()));
    kept.write(buffer, 0, room);
    total += n;
  }

  /** Waits up to {@code millis} for the stream to end; true when it did. */
  boolean awaitEnd(long millis) throws InterruptedException {
    thread.join(Math.max(1, millis));
    return !thread.isAlive();
  }

  /** The text kept so far, with a note when some was dropped. */
  synchronized String text() {
    String text = kept.toString(StandardCharsets.UTF_8);
    if (total > kept.size()) {
      text += "\n[output truncated: showing the first " + kept.size() + " of " + total + " bytes]";
    }
    return text;
  }
}

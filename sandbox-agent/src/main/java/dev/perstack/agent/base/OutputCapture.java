package dev.perstack.agent.base;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains one output stream of a command on its own thread, keeping the first {@code cap} bytes and
 * counting the rest, so a chatty command neither blocks on a full pipe nor fills the agent's
 * memory.
 */
final class OutputCapture implements Runnable {
  private final InputStream in;
  private final int cap;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private long total;
  private final Thread thread;

  OutputCapture(InputStream in, int cap, String name) {
    this.in = in;
    this.cap = cap;
    this.thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void run() {
    byte[] buffer = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        synchronized (this) {
          int room = (int) Math.min(n, Math.max(0, cap - kept.size()));
          kept.write(buffer, 0, room);
          total += n;
        }
      }
    } catch (IOException e) {
      // The pipe broke (the process was killed): keep what arrived.
    }
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

package dev.perstack.image.internal;

import dev.perstack.image.ImageBuildException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps two builds (threads or processes) from building the same images at once: a lock file next
 * to jib's cache, held together with an in-process lock (a JVM cannot lock one file twice).
 */
public final class BuildLock implements AutoCloseable {
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();

  private final FileChannel channel;
  private final FileLock lock;

  private BuildLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits for and takes the lock of {@code directory} (created if missing). */
  public static BuildLock acquire(Path directory) throws ImageBuildException, InterruptedException {
    IN_PROCESS.lockInterruptibly();
    Path file = directory.resolve("build.lock");
    try {
      Files.createDirectories(directory);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new BuildLock(channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException e) {
      IN_PROCESS.unlock();
      throw new ImageBuildException(
          "cannot take the image build lock: " + e.getMessage(),
          file.toString(),
          "make that directory writable or choose another jib cache (ImageBuildSettings.jibCache)",
          e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // Closing the channel releases the lock in any case.
    } finally {
      IN_PROCESS.unlock();
    }
  }
}

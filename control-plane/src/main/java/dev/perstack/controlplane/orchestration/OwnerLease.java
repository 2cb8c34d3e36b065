package dev.perstack.controlplane.orchestration;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This control plane's name on the jobs it records and the sandboxes it starts, held as a lock on
 * {@code <home>/owners/<name>.lock} for as long as the process lives. The operating system drops
 * the lock when the process ends, however it ends ({@code kill -9} included), so a lock file that
 * nobody holds names a control plane that is gone: its running jobs and its sandboxes are orphans
 * that another control plane of the same home may reap. A live one is never judged gone, and
 * control planes that share a database but not a home never judge each other at all.
 */
public final class OwnerLease implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OwnerLease.class.getName());
  private static final String SUFFIX = ".lock";

  // POSIX record locks belong to the process: closing any descriptor of a locked file drops the
  // lock. So this process never opens a lock file it holds itself.
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final String name;
  private final Path file;
  private final FileChannel channel;

  private OwnerLease(Path directory, String name, Path file, FileChannel channel) {
    this.directory = directory;
    this.name = name;
    this.file = file;
    this.channel = channel;
  }

  /** Takes a new, unique name in {@code home} and holds it until closed or the process ends. */
  public static OwnerLease acquire(Path home) throws IOException {
    Path directory = Files.createDirectories(home.resolve("owners")).toRealPath();
    byte[] random = new byte[6];
    ThreadLocalRandom.current().nextBytes(random);
    String name = "cp-" + HexFormat.of().formatHex(random);
    Path file = directory.resolve(name + SUFFIX);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      if (channel.tryLock() == null) {
        throw new IOException("cannot lock " + file + ", which this process just created");
      }
      channel.write(
          ByteBuffer.wrap(
              ("pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n")
                  .getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      channel.close();
      Files.deleteIfExists(file);
      throw e;
    }
    HELD_HERE.add(file);
    return new OwnerLease(directory, name, file, channel);
  }

  /** The name jobs and sandboxes are labelled with. */
  public String name() {
    return name;
  }

  /**
   * The owners of this home whose control plane is gone, each claimed: its lock is held by this
   * process until the claim is closed, so two control planes starting at once never reap the same
   * owner. Lock files that cannot be read are skipped (and logged).
   */
  public List<Claim> claimGone() {
    List<Claim> gone = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path candidate : files) {
        if (!HELD_HERE.contains(candidate)) {
          claim(candidate).ifPresent(gone::add);
        }
      }
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot list the control planes in " + directory, e);
    }
    return gone;
  }

  private static Optional<Claim> claim(Path candidate) {
    FileChannel channel;
    try {
      channel = FileChannel.open(candidate, StandardOpenOption.WRITE);
    } catch (NoSuchFileException reapedMeanwhile) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot open " + candidate + " to see whether its owner lives", e);
      return Optional.empty();
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        String file = candidate.getFileName().toString();
        HELD_HERE.add(candidate);
        return Optional.of(
            new Claim(file.substring(0, file.length() - SUFFIX.length()), candidate, channel));
      }
    } catch (IOException | OverlappingFileLockException e) {
      LOG.log(Level.WARNING, "cannot lock " + candidate + " to see whether its owner lives", e);
    }
    closeQuietly(channel);
    return Optional.empty();
  }

  /**
   * Lets go of the name as a crash would: the lock file stays, so the next control plane of this
   * home reaps whatever this one left behind.
   */
  @Override
  public void close() {
    closeQuietly(channel);
    HELD_HERE.remove(file);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Closing drops the lock either way.
    }
  }

  /** A gone control plane's name, held by this process while its orphans are reaped. */
  public static final class Claim implements AutoCloseable {
    private final String owner;
    private final Path file;
    private final FileChannel channel;

    private Claim(String owner, Path file, FileChannel channel) {
      this.owner = owner;
      this.file = file;
      this.channel = channel;
    }

    /** The gone control plane's name. */
    public String owner() {
      return owner;
    }

    /** Forgets the owner once nothing of it is left (its lock file goes). */
    public void reaped() {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot remove " + file + "; it is looked at again next start", e);
      }
    }

    /** Lets go of the owner; unless {@link #reaped()}, a later start looks at it again. */
    @Override
    public void close() {
      closeQuietly(channel);
      HELD_HERE.remove(file);
    }
  }
}

package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.config.SourcePosition;
import dev.perstack.lockfile.lock.internal.LockReader;
import dev.perstack.lockfile.lock.internal.LockTomlWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Reads and writes {@code perstack.lock} files: the entry point of this package. */
public final class LockFiles {
  /** The lock's file name, beside {@code perstack.toml}. */
  public static final String FILE_NAME = "perstack.lock";

  /** Larger files are refused before parsing; a lock with hundreds of tools is well under 1 MB. */
  public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  private LockFiles() {}

  /** The lock that belongs to {@code configFile}: {@code perstack.lock} in the same directory. */
  public static Path besideConfig(Path configFile) {
    return configFile.resolveSibling(FILE_NAME);
  }

  /**
   * Reads a lock of version 2, or version 1 as the original Perstack wrote it.
   *
   * @throws InvalidLockException with every problem, also when the file is missing or unreadable
   */
  public static PerstackLock read(Path lockFile) throws InvalidLockException {
    return read(lockFile, lockFile.toString());
  }

  /** {@link #read(Path)}, naming the file {@code displayName} in problems. */
  public static PerstackLock read(Path lockFile, String displayName) throws InvalidLockException {
    return parse(decode(readBytes(lockFile, displayName), displayName), displayName);
  }

  /**
   * A lock read from its file together with the {@link #digest(Path)} of exactly the bytes that
   * were parsed, so a job records the digest of the lock it ran even if the file changes meanwhile.
   */
  public record LoadedLock(PerstackLock lock, String digest) {}

  /** {@link #read(Path)} and {@link #digest(Path)} from one reading of the file. */
  public static LoadedLock load(Path lockFile) throws InvalidLockException {
    String displayName = lockFile.toString();
    byte[] bytes = readBytes(lockFile, displayName);
    return new LoadedLock(
        parse(decode(bytes, displayName), displayName), CanonicalJson.sha256(bytes));
  }

  /** Reads lock text that did not come from a file (tests, the API). */
  public static PerstackLock parse(String text, String displayName) throws InvalidLockException {
    return LockReader.read(text, displayName);
  }

  /**
   * The TOML text of {@code lock}: the same lock gives the same text, whatever order its maps were
   * built in.
   *
   * @throws IllegalArgumentException for a version 1 lock, which is read but never written
   */
  public static String toToml(PerstackLock lock) {
    return LockTomlWriter.write(lock);
  }

  /**
   * Writes {@code lock} atomically: into a temporary file in the same directory, flushed to disk,
   * then moved over {@code lockFile}, so readers see the old lock or the new one, never a part.
   */
  public static void write(Path lockFile, PerstackLock lock) throws IOException {
    byte[] bytes = toToml(lock).getBytes(StandardCharsets.UTF_8);
    Path target = lockFile.toAbsolutePath();
    Path temp = Files.createTempFile(target.getParent(), "." + FILE_NAME + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // Temporary files are private (0600); a lock is committed and read like any project file.
      PosixFileAttributeView posix = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
      if (posix != null) {
        posix.setPermissions(PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@code "sha256:"} and the hex SHA-256 of the file's bytes, recorded on each job for audit. */
  public static String digest(Path lockFile) throws IOException {
    return CanonicalJson.sha256(Files.readAllBytes(lockFile));
  }

  private static byte[] readBytes(Path file, String displayName) throws InvalidLockException {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw fileProblem(
            displayName,
            "the file is " + size + " bytes, over the limit of " + MAX_FILE_BYTES,
            "check that this is the right file, or run `perstack install` to write it again");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fileProblem(
          displayName, "the file does not exist", "run `perstack install` to write perstack.lock");
    } catch (AccessDeniedException e) {
      throw fileProblem(displayName, "the file cannot be read", "check its permissions");
    } catch (IOException e) {
      throw fileProblem(
          displayName,
          "the file cannot be read (" + e.getMessage() + ")",
          "check that it is a readable file");
    }
  }

  private static String decode(byte[] bytes, String displayName) throws InvalidLockException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw fileProblem(
          displayName,
          "the file is not UTF-8 text",
          "run `perstack install` to write perstack.lock again");
    }
  }

  private static InvalidLockException fileProblem(String file, String what, String fix) {
    return new InvalidLockException(
        List.of(new LockProblem(file, SourcePosition.START, "", what, fix)));
  }
}

package dev.perstack.agent.base;

import dev.perstack.agent.skill.ToolCallException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One resolved workspace path: a held handle on its directory plus the entry's plain name, so that
 * every operation is relative to that handle and never re-resolves the path (see {@link
 * Workspace}).
 */
final class WorkspaceEntry implements AutoCloseable {
  // Each level of a recursive delete holds one directory handle.
  private static final int MAX_DELETE_DEPTH = 256;

  private final Workspace workspace;
  private final SecureDirectoryStream<Path> dir;
  private final List<String> dirNames;
  private final String name;
  private final PosixFileAttributes attributes;
  private final String requested;

  WorkspaceEntry(
      Workspace workspace,
      SecureDirectoryStream<Path> dir,
      List<String> dirNames,
      String name,
      PosixFileAttributes attributes,
      String requested) {
    this.workspace = workspace;
    this.dir = dir;
    this.dirNames = dirNames;
    this.name = name;
    this.attributes = attributes;
    this.requested = requested;
  }

  /** The path as the model wrote it, for messages. */
  String requested() {
    return requested;
  }

  /** The real absolute path the entry was resolved to. */
  Path absolute() {
    return workspace.absolute(dirNames, name);
  }

  /** The entry's real path relative to the workspace root ({@code ""} for the root). */
  String relative() {
    List<String> all = new ArrayList<>(dirNames);
    if (name != null) {
      all.add(name);
    }
    return String.join("/", all);
  }

  boolean isRoot() {
    return name == null;
  }

  boolean exists() {
    return attributes != null;
  }

  boolean isDirectory() {
    return attributes != null && attributes.isDirectory();
  }

  boolean isRegularFile() {
    return attributes != null && attributes.isRegularFile();
  }

  /** The entry's attributes as seen when it was resolved; null when it does not exist. */
  PosixFileAttributes attributes() {
    return attributes;
  }

  /** Opens the entry as a file; a link swapped in after resolution is refused, not followed. */
  SeekableByteChannel open(OpenOption... options) throws ToolCallException {
    if (name == null) {
      throw new ToolCallException(requested + " is the workspace directory, not a file");
    }
    Set<OpenOption> all = new HashSet<>(List.of(options));
    all.add(LinkOption.NOFOLLOW_LINKS);
    try {
      return dir.newByteChannel(Path.of(name), all);
    } catch (IOException e) {
      PosixFileAttributes now = statQuietly();
      boolean replaced =
          attributes == null
              ? now != null && now.isSymbolicLink()
              : now == null
                  || now.isSymbolicLink()
                  || !Objects.equals(now.fileKey(), attributes.fileKey());
      if (replaced) {
        throw new ToolCallException(
            "Access denied: "
                + requested
                + " was replaced (e.g. by a symbolic link) while it was being opened; try again",
            e);
      }
      throw IoErrors.toolError(e, requested);
    }
  }

  /**
   * Reads the whole file, refusing more than {@code limit} bytes.
   *
   * @return the bytes, or null when the file holds more than {@code limit}
   */
  byte[] readAll(long limit) throws ToolCallException {
    try (SeekableByteChannel channel = open(StandardOpenOption.READ)) {
      return readFully(channel, limit);
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested);
    }
  }

  /**
   * Reads an open channel from its position to the end, refusing more than {@code limit} bytes.
   *
   * @return the bytes, or null when there are more than {@code limit}
   */
  static byte[] readFully(SeekableByteChannel channel, long limit) throws IOException {
    if (channel.size() > limit) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(channel.size(), limit));
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long total = 0;
    int n;
    // Counted as read, not trusted from size(): the file may grow while we read it.
    while ((n = channel.read(buffer)) != -1) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buffer.array(), 0, n);
      buffer.clear();
    }
    return out.toByteArray();
  }

  /** Opens the entry as a directory, without following a link swapped in after resolution. */
  SecureDirectoryStream<Path> openDirectory() throws ToolCallException {
    try {
      return dir.newDirectoryStream(
          name == null ? Path.of(".") : Path.of(name), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested);
    }
  }

  /** Creates the entry as a directory; its parent was resolved (and made) by the walk. */
  void createDirectory() throws ToolCallException {
    try {
      // No mkdirat in Java 17: see Workspace for why this absolute path is checked afterwards.
      Files.createDirectory(absolute());
      PosixFileAttributes now = statQuietly();
      if (now == null || !now.isDirectory()) {
        throw Workspace.changed(requested);
      }
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested);
    }
  }

  /** Removes a file (or a link itself) relative to the held directory handle. */
  void deleteFile() throws ToolCallException {
    requireNotRoot();
    try {
      dir.deleteFile(Path.of(name));
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested);
    }
  }

  /** Removes a directory; with {@code recursive}, its contents first, never following links. */
  void deleteDirectory(boolean recursive) throws ToolCallException {
    requireNotRoot();
    try {
      if (recursive) {
        deleteTree(dir, name, 0);
      } else {
        dir.deleteDirectory(Path.of(name));
      }
    } catch (DirectoryNotEmptyException e) {
      throw new ToolCallException(
          "Directory "
              + requested
              + " is not empty. Set recursive to true to delete it with its contents.",
          e);
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested);
    }
  }

  /** Renames this entry to {@code destination}, both relative to their held handles. */
  void moveTo(WorkspaceEntry destination) throws ToolCallException {
    requireNotRoot();
    destination.requireNotRoot();
    try {
      dir.move(Path.of(name), destination.dir, Path.of(destination.name));
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested + " -> " + destination.requested);
    }
  }

  @Override
  public void close() {
    Workspace.closeQuietly(dir);
  }

  private void requireNotRoot() throws ToolCallException {
    if (name == null) {
      throw new ToolCallException(
          "Access denied: " + requested + " is the workspace directory itself");
    }
  }

  private PosixFileAttributes statQuietly() {
    try {
      return Workspace.stat(dir, name);
    } catch (IOException e) {
      return null;
    }
  }

  private static void deleteTree(SecureDirectoryStream<Path> parent, String name, int depth)
      throws IOException, ToolCallException {
    if (depth > MAX_DELETE_DEPTH) {
      throw new ToolCallException(
          "The directory tree is more than "
              + MAX_DELETE_DEPTH
              + " levels deep; delete it in parts");
    }
    try (SecureDirectoryStream<Path> sub =
        parent.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS)) {
      List<String> children = new ArrayList<>();
      for (Path child : sub) {
        children.add(child.getFileName().toString());
      }
      for (String child : children) {
        PosixFileAttributes attributes = Workspace.stat(sub, child);
        if (attributes == null) {
          continue;
        }
        if (attributes.isDirectory()) {
          deleteTree(sub, child, depth + 1);
        } else {
          sub.deleteFile(Path.of(child)); // a link is removed, its target is left alone
        }
      }
    }
    parent.deleteDirectory(Path.of(name));
  }
}

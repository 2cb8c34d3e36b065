package dev.perstack.agent.base;

import dev.perstack.agent.skill.ToolCallException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The workspace directory, through which every path the model names is resolved without ever
 * leaving it.
 *
 * <p><b>How confinement works.</b> Checking a path string ({@code realpath}, then open) leaves a
 * gap between check and use: a directory or file can be swapped for a symbolic link in between, and
 * the open then follows it out. Here nothing is opened by path. The workspace root is opened once,
 * as a {@link SecureDirectoryStream} (a directory file descriptor), when the skill starts. A path
 * is first normalised lexically like the original ({@code ..} that climbs above the root, absolute
 * paths elsewhere, {@code ~} and {@code perstack/} are refused right there), then walked one
 * component at a time: each component is examined with {@code fstatat(dirfd, name,
 * AT_SYMLINK_NOFOLLOW)} relative to the directory handle already held, and a directory is entered
 * with {@code openat(dirfd, name, O_NOFOLLOW)}, so if it became a symbolic link after it was
 * examined the open fails instead of following it. A symbolic link met on the way is not followed
 * by the kernel: its target text is read and walked by the same rules (absolute targets must name
 * the workspace; {@code ..} may not climb above the root; at most 40 links), so a link that stays
 * inside works and one that points out is refused. The walk ends with a {@link WorkspaceEntry}: a
 * held handle on the containing directory plus one plain name, on which the tools open ({@code
 * O_NOFOLLOW}), stat, unlink and rename relative to that handle. The root-level {@code perstack}
 * entry is refused, in any letter case, at every point of the walk, including via symlinks.
 *
 * <p><b>What is not covered.</b> Java 17 offers no {@code mkdirat} and no {@code readlinkat}, so
 * creating a directory and reading a link target use the absolute path the walk arrived at. A link
 * target read that way is only text that is then walked by the rules above, so it cannot lead out.
 * A {@code mkdir} raced by a concurrent swap of a parent can at worst create one empty directory
 * elsewhere; the walk re-checks the new directory through the held handle and refuses to use it.
 * Hard links and bind mounts are the sandbox's business, not this class's.
 */
final class Workspace implements AutoCloseable {
  private static final int MAX_SYMLINK_HOPS = 40;
  // Bounds the walk even when a concurrent writer keeps changing the tree under it.
  private static final int MAX_STEPS = 4096;
  private static final Path DOT = Path.of(".");

  private final Path root;
  private final Path configuredRoot;
  private final SecureDirectoryStream<Path> rootHandle;

  /** Opens the workspace at {@code root}, which must be an existing directory. */
  Workspace(Path root) throws IOException {
    this.configuredRoot = root.toAbsolutePath().normalize();
    this.root = configuredRoot.toRealPath();
    DirectoryStream<Path> stream = Files.newDirectoryStream(this.root);
    if (!(stream instanceof SecureDirectoryStream)) {
      stream.close();
      throw new IOException(
          "this platform has no SecureDirectoryStream; the base skill cannot confine paths here");
    }
    @SuppressWarnings("unchecked")
    SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) stream;
    this.rootHandle = secure;
  }

  /** The workspace's real path. */
  Path root() {
    return root;
  }

  /**
   * Resolves a path the model gave, relative to the workspace root.
   *
   * @param createParents make missing directories on the way (the final component is never made)
   * @return the entry, which may not exist yet; the caller closes it
   */
  WorkspaceEntry locate(String requested, boolean createParents) throws ToolCallException {
    Deque<String> pending = new ArrayDeque<>(lexical(requested));
    List<String> names = new ArrayList<>();
    SecureDirectoryStream<Path> current = reopen(null, names, requested);
    boolean handedOver = false;
    try {
      int hops = 0;
      for (int step = 0; step < MAX_STEPS; step++) {
        if (pending.isEmpty()) {
          if (names.isEmpty()) {
            PosixFileAttributes self =
                current.getFileAttributeView(PosixFileAttributeView.class).readAttributes();
            handedOver = true;
            return new WorkspaceEntry(this, current, List.of(), null, self, requested);
          }
          // The walk ended inside a directory (e.g. a link to ".."): name it from its parent.
          pending.addFirst(names.remove(names.size() - 1));
          current = reopen(current, names, requested);
          continue;
        }
        String name = pending.removeFirst();
        if (name.equals(".")) {
          continue;
        }
        if (name.equals("..")) {
          if (names.isEmpty()) {
            throw outside(requested);
          }
          names.remove(names.size() - 1);
          current = reopen(current, names, requested);
          continue;
        }
        if (names.isEmpty() && isPerstack(name)) {
          throw perstack(requested);
        }
        PosixFileAttributes attributes = stat(current, name);
        if (attributes != null && attributes.isSymbolicLink()) {
          if (++hops > MAX_SYMLINK_HOPS) {
            throw new ToolCallException("Too many symbolic links while resolving " + requested);
          }
          String target = readLink(names, name);
          if (target == null) {
            pending.addFirst(name); // it stopped being a link meanwhile: look again
            continue;
          }
          if (target.startsWith("/")) {
            List<String> inside = insideRoot(target);
            if (inside == null) {
              throw new ToolCallException(
                  "Access denied: "
                      + requested
                      + " is a symbolic link to "
                      + target
                      + ", which is outside the workspace");
            }
            names.clear();
            current = reopen(current, names, requested);
            pushFront(pending, inside);
          } else {
            pushFront(pending, split(target));
          }
          continue;
        }
        if (attributes == null) {
          if (pending.isEmpty()) {
            handedOver = true;
            return new WorkspaceEntry(this, current, List.copyOf(names), name, null, requested);
          }
          if (!createParents) {
            throw new ToolCallException(
                requested + " does not exist: there is no directory " + absolute(names, name));
          }
          makeDirectory(names, name);
          pending.addFirst(name); // examine what is there now through the held handle
          continue;
        }
        if (pending.isEmpty()) {
          handedOver = true;
          return new WorkspaceEntry(this, current, List.copyOf(names), name, attributes, requested);
        }
        if (!attributes.isDirectory()) {
          throw new ToolCallException(
              requested + " cannot be reached: " + absolute(names, name) + " is not a directory");
        }
        SecureDirectoryStream<Path> child = enter(current, name);
        if (child == null) {
          pending.addFirst(name); // replaced between stat and open: look again
          continue;
        }
        current.close();
        current = child;
        names.add(name);
      }
      throw new ToolCallException(
          requested + " kept changing while it was being resolved; try again");
    } catch (IOException e) {
      throw IoErrors.toolError(e, requested);
    } catch (InvalidPathException e) {
      // A name the platform cannot encode, e.g. non-ASCII under a C locale (run with C.UTF-8).
      throw new ToolCallException("Invalid path " + requested + ": " + e.getReason(), e);
    } finally {
      if (!handedOver) {
        closeQuietly(current);
      }
    }
  }

  /** The absolute path of {@code name} inside the directory reached by {@code names}. */
  Path absolute(List<String> names, String name) {
    Path path = root;
    for (String n : names) {
      path = path.resolve(n);
    }
    return name == null ? path : path.resolve(name);
  }

  /** Whether a root-level entry name is the protected {@code perstack} directory. */
  static boolean isPerstack(String rootLevelName) {
    return rootLevelName.equalsIgnoreCase("perstack");
  }

  @Override
  public void close() {
    closeQuietly(rootHandle);
  }

  /** Normalises the requested path to components below the root, or refuses it. */
  private List<String> lexical(String requested) throws ToolCallException {
    if (requested.indexOf('\0') >= 0) {
      throw new ToolCallException("Invalid path: it contains a NUL character");
    }
    String relative = requested;
    // The original expands "~" to the home directory, which is never the workspace.
    if (relative.equals("~") || relative.startsWith("~/")) {
      throw outside(requested);
    }
    if (relative.startsWith("/")) {
      Path normal;
      try {
        normal = Path.of(relative).normalize();
      } catch (InvalidPathException e) {
        throw new ToolCallException("Invalid path " + requested + ": " + e.getReason());
      }
      List<String> inside = insideRoot(normal.toString());
      if (inside == null) {
        throw outside(requested);
      }
      relative = String.join("/", inside);
    }
    Deque<String> out = new ArrayDeque<>();
    for (String part : split(relative)) {
      if (part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (out.isEmpty()) {
          throw outside(requested);
        }
        out.removeLast();
        continue;
      }
      out.addLast(part);
    }
    if (!out.isEmpty() && isPerstack(out.getFirst())) {
      throw perstack(requested);
    }
    return List.copyOf(out);
  }

  /** The components below the root of an absolute path, or null when it is not under the root. */
  private List<String> insideRoot(String absolutePath) {
    Path path;
    try {
      path = Path.of(absolutePath);
    } catch (InvalidPathException e) {
      return null;
    }
    for (Path base : List.of(root, configuredRoot)) {
      // Compared by components, unnormalised: "/ws/../etc" starts with "/ws", and its ".." is
      // then refused by the walk when it tries to climb above the root.
      if (path.startsWith(base)) {
        List<String> rest = new ArrayList<>();
        for (int i = base.getNameCount(); i < path.getNameCount(); i++) {
          rest.add(path.getName(i).toString());
        }
        return rest;
      }
    }
    return null;
  }

  private static List<String> split(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty()) {
        parts.add(part);
      }
    }
    return parts;
  }

  private static void pushFront(Deque<String> pending, List<String> parts) {
    for (int i = parts.size() - 1; i >= 0; i--) {
      pending.addFirst(parts.get(i));
    }
  }

  /** Closes {@code previous} and opens the directory {@code names} afresh from the root handle. */
  private SecureDirectoryStream<Path> reopen(
      SecureDirectoryStream<Path> previous, List<String> names, String requested)
      throws ToolCallException {
    closeQuietly(previous);
    SecureDirectoryStream<Path> current = null;
    try {
      current = rootHandle.newDirectoryStream(DOT, LinkOption.NOFOLLOW_LINKS);
      for (String name : names) {
        SecureDirectoryStream<Path> child = enter(current, name);
        if (child == null) {
          throw changed(requested);
        }
        current.close();
        current = child;
      }
      return current;
    } catch (IOException e) {
      closeQuietly(current);
      throw IoErrors.toolError(e, requested);
    } catch (ToolCallException e) {
      closeQuietly(current);
      throw e;
    }
  }

  /** Opens a subdirectory without following a link, or null when it is no longer a directory. */
  private static SecureDirectoryStream<Path> enter(SecureDirectoryStream<Path> dir, String name)
      throws IOException {
    try {
      return dir.newDirectoryStream(Path.of(name), LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      PosixFileAttributes now = stat(dir, name);
      if (now == null || !now.isDirectory()) {
        return null;
      }
      throw e;
    }
  }

  /** The attributes of {@code name} in {@code dir}, not following links; null when missing. */
  static PosixFileAttributes stat(SecureDirectoryStream<Path> dir, String name) throws IOException {
    try {
      return dir.getFileAttributeView(
              Path.of(name), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .readAttributes();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** A link's target text, or null when the entry is no longer a link. */
  private String readLink(List<String> names, String name) throws IOException {
    try {
      // No readlinkat in Java: the text read may come from a swapped path, but it is only walked
      // under the same rules, so it cannot lead out of the workspace.
      return Files.readSymbolicLink(absolute(names, name)).toString();
    } catch (NotLinkException | NoSuchFileException e) {
      return null;
    }
  }

  private void makeDirectory(List<String> names, String name) throws IOException {
    try {
      Files.createDirectory(absolute(names, name));
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // Someone made it first; the caller looks at what is there.
    }
  }

  static ToolCallException outside(String requested) {
    return new ToolCallException("Access denied: " + requested + " is outside the workspace");
  }

  static ToolCallException perstack(String requested) {
    return new ToolCallException(
        "Access denied: "
            + requested
            + " is inside the perstack/ directory, which is not accessible");
  }

  static ToolCallException changed(String requested) {
    return new ToolCallException(
        requested + " changed while it was being accessed (a directory was replaced); try again");
  }

  static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // Nothing useful to do: the handle is gone either way.
    }
  }
}

package dev.perstack.image.internal;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The files of the skills layer and their digest. On the host the layer carries {@code
 * package.json}, {@code package-lock.json} and {@code node_modules}, without symlinks (a layer of
 * jib's cannot carry them well) and without {@code node_modules/.bin} directories (only symlinks:
 * skills start as {@code node <entry>}). The digest is over the sorted relative paths and, per
 * entry, its type, its owner's execute bit and the SHA-256 of its content; read back from the image
 * every entry counts, so a file or link planted there changes it.
 */
public final class SkillsTree {
  /** What the layer carries from the staged directory, besides {@link #NODE_MODULES}. */
  public static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json");

  /** npm's directory of installed packages. */
  public static final String NODE_MODULES = "node_modules";

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final String FORMAT = "perstack-skills-tree/1\n";

  /** The kind of an entry. */
  public enum Kind {
    DIRECTORY('d'),
    FILE('f'),
    SYMLINK('l'),
    OTHER('o');

    private final char code;

    Kind(char code) {
      this.code = code;
    }
  }

  /**
   * One entry: its path relative to the tree ('/'-separated), its kind, whether its owner may
   * execute it (files only) and the SHA-256 hex of its content (a link's target; empty for a
   * directory).
   */
  public record Entry(String path, Kind kind, boolean executable, String contentSha256) {
    public Entry {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(contentSha256, "contentSha256");
      if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\0")) {
        throw new IllegalArgumentException("not a relative entry path: '" + path + "'");
      }
      if (kind != Kind.FILE) {
        executable = false;
      }
    }
  }

  private SkillsTree() {}

  /** Requires {@code sha256:} and 64 lower-case hex digits. */
  public static String requireDigest(String digest) {
    if (digest == null || !DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a digest 'sha256:<64 hex>': '" + digest + "'");
    }
    return digest;
  }

  /** The entries the layer carries from a staged npm project, sorted by path. */
  public static List<Entry> staged(Path directory) throws IOException {
    List<Entry> entries = new ArrayList<>();
    for (String file : PROJECT_FILES) {
      Path p = directory.resolve(file);
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
        entries.add(new Entry(file, Kind.FILE, executable(p), Digests.ofFile(p)));
      }
    }
    Path modules = directory.resolve(NODE_MODULES);
    if (Files.isDirectory(modules, LinkOption.NOFOLLOW_LINKS)) {
      Files.walkFileTree(modules, new Collector(directory, entries));
    }
    entries.sort(Comparator.comparing(Entry::path));
    return List.copyOf(entries);
  }

  /** The entries below {@code prefix} (a directory path), with paths relative to it. */
  public static List<Entry> below(List<Entry> entries, String prefix) {
    String start = prefix + "/";
    return entries.stream()
        .filter(e -> e.path().startsWith(start))
        .map(
            e ->
                new Entry(
                    e.path().substring(start.length()),
                    e.kind(),
                    e.executable(),
                    e.contentSha256()))
        .toList();
  }

  /** The digest ({@code sha256:...}) of entries, in any order. */
  public static String digest(List<Entry> entries) {
    List<Entry> sorted = entries.stream().sorted(Comparator.comparing(Entry::path)).toList();
    MessageDigest md = sha256();
    md.update(FORMAT.getBytes(StandardCharsets.UTF_8));
    for (Entry e : sorted) {
      // A path cannot hold NUL and the fields after it hold no newline: the encoding is
      // unambiguous.
      String line =
          e.path()
              + '\0'
              + e.kind().code
              + (e.executable() ? 'x' : '-')
              + '\0'
              + e.contentSha256()
              + '\n';
      md.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /**
   * The layer that puts the staged entries at {@code root}: root-owned, directories and files
   * executable on the host 0755, other files 0644, jib's fixed modification time.
   */
  public static FileEntriesLayer layer(Path directory, List<Entry> entries, String root) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("skills");
    FilePermissions open = FilePermissions.fromOctalString("755");
    FilePermissions readable = FilePermissions.fromOctalString("644");
    layer.addEntry(
        directory,
        AbsoluteUnixPath.get(root),
        open,
        FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
        "0:0");
    for (Entry e : entries) {
      if (e.kind() != Kind.DIRECTORY && e.kind() != Kind.FILE) {
        throw new IllegalArgumentException(
            "the skills layer carries no " + e.kind() + ": " + e.path());
      }
      boolean x = e.kind() == Kind.DIRECTORY || e.executable();
      layer.addEntry(
          directory.resolve(e.path()),
          AbsoluteUnixPath.get(root + "/" + e.path()),
          x ? open : readable,
          FileEntriesLayer.DEFAULT_MODIFICATION_TIME,
          "0:0");
    }
    return layer.build();
  }

  private static boolean executable(Path file) throws IOException {
    return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)
        .contains(PosixFilePermission.OWNER_EXECUTE);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Walks node_modules without following links, leaving out what the layer does not carry. */
  private static final class Collector extends SimpleFileVisitor<Path> {
    private final Path root;
    private final List<Entry> entries;

    Collector(Path root, List<Entry> entries) {
      this.root = root;
      this.entries = entries;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      Path parent = dir.getParent();
      if (dir.getFileName().toString().equals(".bin")
          && parent != null
          && parent.getFileName().toString().equals(NODE_MODULES)) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      entries.add(new Entry(relative(dir), Kind.DIRECTORY, false, ""));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      // Symlinks and special files are left out of the layer, hence out of the digest.
      if (attrs.isRegularFile()) {
        entries.add(new Entry(relative(file), Kind.FILE, executable(file), Digests.ofFile(file)));
      }
      return FileVisitResult.CONTINUE;
    }

    private String relative(Path p) {
      return root.relativize(p).toString().replace('\\', '/');
    }
  }
}

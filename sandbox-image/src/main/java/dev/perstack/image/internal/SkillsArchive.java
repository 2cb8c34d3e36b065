package dev.perstack.image.internal;

import dev.perstack.image.internal.SkillsTree.Entry;
import dev.perstack.image.internal.SkillsTree.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A directory read back from an image as the engine archives it ({@code docker cp}: a tar whose
 * entries start with the directory's own name): every entry for {@link SkillsTree#digest}, and the
 * bytes of a few small files the caller asks for.
 */
public record SkillsArchive(List<Entry> entries, Map<String, byte[]> contents) {
  private static final int MAX_CONTENT = 1 << 20;

  public SkillsArchive {
    entries = List.copyOf(entries);
    contents = Map.copyOf(contents);
  }

  /**
   * Reads the tar of a directory named {@code top}.
   *
   * @param keep relative paths of the files whose bytes to keep (each at most 1 MiB)
   */
  public static SkillsArchive read(InputStream tar, String top, Set<String> keep)
      throws IOException {
    List<Entry> entries = new ArrayList<>();
    Map<String, byte[]> contents = new HashMap<>();
    Map<String, String> fileDigests = new HashMap<>();
    TarArchiveInputStream in = new TarArchiveInputStream(tar, StandardCharsets.UTF_8.name());
    for (TarArchiveEntry t; (t = in.getNextEntry()) != null; ) {
      String path = relative(t.getName(), top);
      if (path == null) {
        continue;
      }
      boolean executable = (t.getMode() & 0100) != 0;
      if (t.isDirectory()) {
        entries.add(new Entry(path, Kind.DIRECTORY, false, ""));
      } else if (t.isSymbolicLink()) {
        entries.add(new Entry(path, Kind.SYMLINK, false, Digests.sha256Hex(t.getLinkName())));
      } else if (t.isLink()) {
        // A hard link to a file earlier in the archive: the same content under another path.
        String target = relative(t.getLinkName(), top);
        String digest = target == null ? null : fileDigests.get(target);
        if (digest == null) {
          throw new IOException(
              "the archive links " + t.getName() + " to an unknown " + t.getLinkName());
        }
        fileDigests.put(path, digest);
        entries.add(new Entry(path, Kind.FILE, executable, digest));
        if (keep.contains(path) && contents.containsKey(target)) {
          contents.put(path, contents.get(target));
        }
      } else if (t.isFile()) {
        String digest = keep.contains(path) ? keepAndDigest(in, path, contents) : digest(in);
        fileDigests.put(path, digest);
        entries.add(new Entry(path, Kind.FILE, executable, digest));
      } else {
        entries.add(new Entry(path, Kind.OTHER, false, ""));
      }
    }
    return new SkillsArchive(entries, contents);
  }

  /** The entry's path below {@code top}; null for {@code top} itself and anything outside it. */
  private static String relative(String name, String top) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    while (n.endsWith("/")) {
      n = n.substring(0, n.length() - 1);
    }
    if (!n.startsWith(top + "/")) {
      return null;
    }
    String rest = n.substring(top.length() + 1);
    return rest.isEmpty() ? null : rest;
  }

  private static String keepAndDigest(InputStream in, String path, Map<String, byte[]> contents)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    MessageDigest md = sha256();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      md.update(buffer, 0, n);
      if (bytes.size() < MAX_CONTENT) {
        bytes.write(buffer, 0, Math.min(n, MAX_CONTENT - bytes.size()));
      }
    }
    contents.put(path, bytes.toByteArray());
    return HexFormat.of().formatHex(md.digest());
  }

  private static String digest(InputStream in) throws IOException {
    MessageDigest md = sha256();
    DigestInputStream d = new DigestInputStream(in, md);
    byte[] buffer = new byte[64 * 1024];
    while (d.read(buffer) > 0) {
      // Reading feeds the digest.
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

package dev.perstack.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 of strings, files and directory trees, as lower-case hex. */
public final class Digests {
  private Digests() {}

  /** The SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Hex(String text) {
    MessageDigest md = sha256();
    md.update(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }

  /** The SHA-256 of a file's bytes. */
  public static String ofFile(Path file) throws IOException {
    MessageDigest md = sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The SHA-256 of a directory tree: each regular file's path relative to {@code dir} and the
   * digest of its bytes, in path order. Empty directories, times and permissions do not count (the
   * image's layers fix times and permissions).
   */
  public static String ofTree(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    StringBuilder s = new StringBuilder();
    for (Path f : files) {
      String relative = dir.relativize(f).toString().replace('\\', '/');
      s.append(relative).append('\0').append(ofFile(f)).append('\n');
    }
    return sha256Hex(s.toString());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

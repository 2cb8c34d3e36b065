package dev.perstack.agent.base;

import java.util.Locale;
import java.util.Map;

/** MIME types by file extension, for the common files an expert meets (like {@code mime-types}). */
final class MimeTypes {
  static final String FALLBACK = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION =
      Map.ofEntries(
          Map.entry("txt", "text/plain"),
          Map.entry("log", "text/plain"),
          Map.entry("md", "text/markdown"),
          Map.entry("markdown", "text/markdown"),
          Map.entry("html", "text/html"),
          Map.entry("htm", "text/html"),
          Map.entry("css", "text/css"),
          Map.entry("csv", "text/csv"),
          Map.entry("xml", "application/xml"),
          Map.entry("yaml", "text/yaml"),
          Map.entry("yml", "text/yaml"),
          Map.entry("toml", "application/toml"),
          Map.entry("json", "application/json"),
          Map.entry("js", "application/javascript"),
          Map.entry("mjs", "application/javascript"),
          Map.entry("ts", "video/mp2t"), // what mime-types says, odd as it is for TypeScript
          Map.entry("java", "text/x-java-source"),
          Map.entry("py", "text/x-python"),
          Map.entry("sh", "application/x-sh"),
          Map.entry("c", "text/x-c"),
          Map.entry("h", "text/x-c"),
          Map.entry("cpp", "text/x-c"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("jpeg", "image/jpeg"),
          Map.entry("gif", "image/gif"),
          Map.entry("webp", "image/webp"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("ico", "image/vnd.microsoft.icon"),
          Map.entry("bmp", "image/bmp"),
          Map.entry("pdf", "application/pdf"),
          Map.entry("zip", "application/zip"),
          Map.entry("gz", "application/gzip"),
          Map.entry("tar", "application/x-tar"),
          Map.entry("wasm", "application/wasm"),
          Map.entry("mp3", "audio/mpeg"),
          Map.entry("wav", "audio/wav"),
          Map.entry("mp4", "video/mp4"),
          Map.entry("webm", "video/webm"));

  private MimeTypes() {}

  /** The extension with its dot, as Node's {@code path.extname} gives it ({@code ""} if none). */
  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    // A leading dot names a hidden file, not an extension.
    return dot <= 0 ? "" : fileName.substring(dot);
  }

  /** The MIME type for a file name, or null when the extension is unknown. */
  static String lookup(String fileName) {
    String extension = extension(fileName);
    if (extension.isEmpty()) {
      return null;
    }
    return BY_EXTENSION.get(extension.substring(1).toLowerCase(Locale.ROOT));
  }
}

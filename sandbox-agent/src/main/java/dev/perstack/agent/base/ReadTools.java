package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/** The reading tools: {@code readTextFile}, {@code readImageFile}, {@code readPdfFile}. */
final class ReadTools {
  private static final Set<String> IMAGE_TYPES =
      Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

  private final Workspace workspace;
  private final BaseSkillLimits limits;

  ReadTools(Workspace workspace, BaseSkillLimits limits) {
    this.workspace = workspace;
    this.limits = limits;
  }

  List<BaseTool> tools() {
    return List.of(
        new BaseTool(
            Schema.object()
                .string("path", "File to read, relative to the workspace.", true)
                .number("from", "First line to return, counting from 0.", false)
                .number("to", "Line to stop before (not returned).", false)
                .tool(
                    "readTextFile",
                    "Read a UTF-8 text file (source, docs, config, data), whole or a range of"
                        + " lines, returned as JSON with the content. Binary files come out"
                        + " garbled. Files over "
                        + megabytes(limits.maxTextReadBytes())
                        + " are refused: read parts of those with exec (head, sed)."),
            this::readTextFile),
        new BaseTool(
            Schema.object()
                .string("path", "Image file to read, relative to the workspace.", true)
                .tool(
                    "readImageFile",
                    "Load a PNG, JPEG, GIF (static) or WebP image so that you can see it. Files"
                        + " over "
                        + megabytes(limits.maxImageBytes())
                        + " are refused."),
            this::readImageFile),
        new BaseTool(
            Schema.object()
                .string("path", "PDF file to read, relative to the workspace.", true)
                .tool(
                    "readPdfFile",
                    "Load a whole PDF document so that you can read it; no page ranges, no text"
                        + " extraction. Files over "
                        + megabytes(limits.maxPdfBytes())
                        + " are refused."),
            this::readPdfFile));
  }

  private List<ToolResultContent> readTextFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    OptionalDouble from = Args.number(args, "from");
    OptionalDouble to = Args.number(args, "to");
    byte[] bytes;
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      requireFile(entry, path);
      bytes = entry.readAll(limits.maxTextReadBytes());
      if (bytes == null) {
        throw new ToolCallException(
            "File "
                + path
                + " is larger than "
                + megabytes(limits.maxTextReadBytes())
                + ", the limit for readTextFile. Read a part of it with exec"
                + " (for example head -n, tail -n or sed -n '10,20p').");
      }
    }
    // Split like JavaScript's split("\n"): trailing empty strings are kept.
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
    int start = sliceIndex(from.orElse(0), lines.length);
    int end = sliceIndex(to.orElse(lines.length), lines.length);
    String content = end > start ? String.join("\n", List.of(lines).subList(start, end)) : "";
    ObjectNode result = Results.object();
    result.put("path", path);
    result.put("content", content);
    putNumber(result, "from", from.orElse(0));
    putNumber(result, "to", to.orElse(lines.length));
    return Results.json(result);
  }

  private List<ToolResultContent> readImageFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      requireFile(entry, path);
      String mimeType = MimeTypes.lookup(entry.absolute().getFileName().toString());
      if (mimeType == null || !IMAGE_TYPES.contains(mimeType)) {
        throw new ToolCallException(
            "File " + path + " is not supported: use a .png, .jpg, .jpeg, .gif or .webp image.");
      }
      byte[] bytes = readCapped(entry, limits.maxImageBytes(), "Image", "image");
      return List.of(
          new ImageInlinePart(
              Results.newId(), Base64.getEncoder().encodeToString(bytes), mimeType));
    }
  }

  private List<ToolResultContent> readPdfFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      requireFile(entry, path);
      String name = entry.absolute().getFileName().toString();
      if (!MimeTypes.extension(name).toLowerCase(Locale.ROOT).equals(".pdf")) {
        throw new ToolCallException("File " + path + " is not a PDF file.");
      }
      byte[] bytes = readCapped(entry, limits.maxPdfBytes(), "PDF", "PDF");
      return List.of(
          new FileInlinePart(
              Results.newId(), Base64.getEncoder().encodeToString(bytes), "application/pdf"));
    }
  }

  private static byte[] readCapped(WorkspaceEntry entry, long limit, String kind, String noun)
      throws ToolCallException {
    byte[] bytes = entry.readAll(limit);
    if (bytes == null) {
      throw new ToolCallException(
          String.format(
              Locale.ROOT,
              "%s file too large (%.1fMB). Maximum supported size is %s. Please use a smaller %s"
                  + " file.",
              kind,
              entry.attributes().size() / (1024.0 * 1024.0),
              megabytes(limit),
              noun));
    }
    return bytes;
  }

  static void requireFile(WorkspaceEntry entry, String path) throws ToolCallException {
    if (!entry.exists()) {
      throw new ToolCallException("File " + path + " does not exist.");
    }
    if (entry.isDirectory()) {
      throw new ToolCallException(
          "Path " + path + " is a directory. Use listDirectory to see what it holds.");
    }
    if (!entry.isRegularFile()) {
      throw new ToolCallException("Path " + path + " is not a regular file.");
    }
  }

  /** A JavaScript {@code Array.prototype.slice} index: truncated, negative counts from the end. */
  private static int sliceIndex(double value, int length) {
    double truncated = value < 0 ? Math.ceil(value) : Math.floor(value);
    if (truncated < 0) {
      return (int) Math.max(length + truncated, 0);
    }
    return (int) Math.min(truncated, length);
  }

  private static void putNumber(ObjectNode node, String field, double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      node.put(field, (long) value);
    } else {
      node.put(field, value);
    }
  }

  static String megabytes(long bytes) {
    double mb = bytes / (1024.0 * 1024.0);
    return mb == Math.rint(mb) ? (long) mb + "MB" : String.format(Locale.ROOT, "%.1fMB", mb);
  }
}

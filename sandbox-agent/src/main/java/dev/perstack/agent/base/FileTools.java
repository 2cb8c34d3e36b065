package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The tools on single files: {@code moveFile}, {@code deleteFile}, {@code getFileInfo}. */
final class FileTools {
  // JavaScript's Date.toISOString: milliseconds, always UTC.
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB"};

  private final Workspace workspace;

  FileTools(Workspace workspace) {
    this.workspace = workspace;
  }

  List<BaseTool> tools() {
    return List.of(
        new BaseTool(
            Schema.object()
                .string(
                    "source", "The file (or directory) to move, relative to the workspace.", true)
                .string("destination", "Its new path; must not exist yet.", true)
                .tool(
                    "moveFile",
                    "Move or rename a file within the workspace in one atomic step. Missing"
                        + " directories of the destination are created; an existing destination"
                        + " is never overwritten."),
            this::moveFile),
        new BaseTool(
            Schema.object()
                .string("path", "File to delete, relative to the workspace.", true)
                .tool(
                    "deleteFile",
                    "Delete one file from the workspace. Use deleteDirectory for directories."),
            this::deleteFile),
        new BaseTool(
            Schema.object()
                .string("path", "File or directory to inspect, relative to the workspace.", true)
                .tool(
                    "getFileInfo",
                    "Describe a file or directory: type, size, MIME type (from the extension),"
                        + " timestamps and permissions."),
            this::getFileInfo));
  }

  private List<ToolResultContent> moveFile(ObjectNode args) throws ToolCallException {
    String source = Args.string(args, "source");
    String destination = Args.string(args, "destination");
    try (WorkspaceEntry from = workspace.locate(source, false)) {
      if (!from.exists()) {
        throw new ToolCallException("Source file " + source + " does not exist.");
      }
      if (from.isRoot()) {
        throw new ToolCallException(
            "Access denied: the workspace directory itself cannot be moved");
      }
      if (!from.attributes().permissions().contains(PosixFilePermission.OWNER_WRITE)) {
        throw new ToolCallException("Source file " + source + " is not writable");
      }
      try (WorkspaceEntry to = workspace.locate(destination, true)) {
        if (to.exists()) {
          throw new ToolCallException(
              "Destination "
                  + destination
                  + " already exists. Delete it first or choose another name.");
        }
        from.moveTo(to);
        ObjectNode result = Results.object();
        result.put("source", from.absolute().toString());
        result.put("destination", to.absolute().toString());
        return Results.json(result);
      }
    }
  }

  private List<ToolResultContent> deleteFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      if (!entry.exists()) {
        throw new ToolCallException("File " + path + " does not exist.");
      }
      if (entry.isDirectory()) {
        throw new ToolCallException(
            "Path " + path + " is a directory. Use deleteDirectory tool instead.");
      }
      if (!entry.attributes().permissions().contains(PosixFilePermission.OWNER_WRITE)) {
        throw new ToolCallException("File " + path + " is not writable");
      }
      entry.deleteFile();
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      return Results.json(result);
    }
  }

  private List<ToolResultContent> getFileInfo(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      if (!entry.exists()) {
        throw new ToolCallException("File or directory " + path + " does not exist");
      }
      PosixFileAttributes attributes = entry.attributes();
      boolean directory = attributes.isDirectory();
      Path absolute = entry.absolute();
      String name = absolute.getFileName() == null ? "/" : absolute.getFileName().toString();
      ObjectNode result = Results.object();
      result.put("exists", true);
      result.put("path", absolute.toString());
      result.put("absolutePath", absolute.toString());
      result.put("name", name);
      result.put("directory", absolute.getParent() == null ? "/" : absolute.getParent().toString());
      if (directory) {
        result.putNull("extension");
      } else {
        result.put("extension", MimeTypes.extension(name));
      }
      result.put("type", directory ? "directory" : "file");
      if (directory) {
        result.putNull("mimeType");
      } else {
        String mime = MimeTypes.lookup(name);
        result.put("mimeType", mime == null ? MimeTypes.FALLBACK : mime);
      }
      result.put("size", attributes.size());
      result.put("sizeFormatted", formatSize(attributes.size()));
      result.put("created", iso(attributes.creationTime()));
      result.put("modified", iso(attributes.lastModifiedTime()));
      result.put("accessed", iso(attributes.lastAccessTime()));
      ObjectNode permissions = result.putObject("permissions");
      permissions.put("readable", true);
      permissions.put(
          "writable", attributes.permissions().contains(PosixFilePermission.OWNER_WRITE));
      permissions.put(
          "executable", attributes.permissions().contains(PosixFilePermission.OWNER_EXECUTE));
      return Results.json(result);
    }
  }

  static String iso(FileTime time) {
    return ISO.format(time.toInstant());
  }

  /** Like the original: two decimals in the largest unit that keeps the number at least 1. */
  static String formatSize(long bytes) {
    if (bytes <= 0) {
      return "0 B";
    }
    int unit = Math.min((int) (Math.log(bytes) / Math.log(1024)), UNITS.length - 1);
    return String.format(Locale.ROOT, "%.2f %s", bytes / Math.pow(1024, unit), UNITS[unit]);
  }
}

package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.ToolResultContent;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The directory tools: {@code listDirectory}, {@code createDirectory}, {@code deleteDirectory}. */
final class DirectoryTools {
  // Keeps one listing from flooding the model's context (and the agent's memory).
  static final int MAX_LIST_ITEMS = 10_000;

  private final Workspace workspace;

  DirectoryTools(Workspace workspace) {
    this.workspace = workspace;
  }

  List<BaseTool> tools() {
    return List.of(
        new BaseTool(
            Schema.object()
                .string(
                    "path",
                    "Directory to list, relative to the workspace (\".\" for its root).",
                    true)
                .tool(
                    "listDirectory",
                    "List the entries of one directory (not recursive), sorted by name, with"
                        + " type, size and modification time."),
            this::listDirectory),
        new BaseTool(
            Schema.object()
                .string("path", "Directory to create, relative to the workspace.", true)
                .tool(
                    "createDirectory",
                    "Create a directory, with any missing parents. Fails if it already exists."),
            this::createDirectory),
        new BaseTool(
            Schema.object()
                .string("path", "Directory to delete, relative to the workspace.", true)
                .bool(
                    "recursive",
                    "Also delete everything inside; required for a directory that is not empty.",
                    false)
                .tool(
                    "deleteDirectory",
                    "Delete a directory; an empty one unless recursive is true. Use deleteFile"
                        + " for files."),
            this::deleteDirectory));
  }

  private List<ToolResultContent> listDirectory(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      if (!entry.exists()) {
        throw new ToolCallException("Directory " + path + " does not exist.");
      }
      if (!entry.isDirectory()) {
        throw new ToolCallException("Path " + path + " is not a directory.");
      }
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      ArrayNode items = result.putArray("items");
      try (SecureDirectoryStream<Path> dir = entry.openDirectory()) {
        List<String> names = new ArrayList<>();
        for (Path child : dir) {
          String name = child.getFileName().toString();
          if (!(entry.isRoot() && Workspace.isPerstack(name))) {
            names.add(name);
          }
        }
        Collections.sort(names);
        for (String name : names.subList(0, Math.min(names.size(), MAX_LIST_ITEMS))) {
          PosixFileAttributes attributes = Workspace.stat(dir, name);
          if (attributes == null) {
            continue; // deleted while we listed
          }
          String type = attributes.isDirectory() ? "directory" : "file";
          if (attributes.isSymbolicLink()) {
            attributes = linkTarget(entry, name);
            type = attributes == null ? "symlink" : attributes.isDirectory() ? "directory" : "file";
          }
          ObjectNode item = items.addObject();
          item.put("name", name);
          item.put("path", name);
          item.put("type", type);
          item.put("size", attributes == null ? 0 : attributes.size());
          if (attributes != null) {
            item.put("modified", FileTools.iso(attributes.lastModifiedTime()));
          }
        }
        if (names.size() > MAX_LIST_ITEMS) {
          result.put("truncated", true);
          result.put("totalItems", names.size());
        }
      } catch (IOException e) {
        throw IoErrors.toolError(e, path);
      }
      return Results.json(result);
    }
  }

  /** What a link in the listed directory leads to, or null when it leads out or nowhere. */
  private PosixFileAttributes linkTarget(WorkspaceEntry dir, String name) {
    String relative = dir.relative().isEmpty() ? name : dir.relative() + "/" + name;
    try (WorkspaceEntry target = workspace.locate(relative, false)) {
      return target.attributes();
    } catch (ToolCallException e) {
      return null;
    }
  }

  private List<ToolResultContent> createDirectory(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    try (WorkspaceEntry entry = workspace.locate(path, true)) {
      if (entry.exists()) {
        throw new ToolCallException("Directory " + path + " already exists");
      }
      entry.createDirectory();
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      return Results.json(result);
    }
  }

  private List<ToolResultContent> deleteDirectory(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    boolean recursive = Args.bool(args, "recursive", false);
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      if (!entry.exists()) {
        throw new ToolCallException("Directory " + path + " does not exist.");
      }
      if (!entry.isDirectory()) {
        throw new ToolCallException(
            "Path " + path + " is not a directory. Use deleteFile tool instead.");
      }
      if (entry.isRoot()) {
        throw new ToolCallException(
            "Access denied: the workspace directory itself cannot be deleted");
      }
      if (!entry.attributes().permissions().contains(PosixFilePermission.OWNER_WRITE)) {
        throw new ToolCallException("Directory " + path + " is not writable");
      }
      entry.deleteDirectory(recursive);
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      return Results.json(result);
    }
  }
}

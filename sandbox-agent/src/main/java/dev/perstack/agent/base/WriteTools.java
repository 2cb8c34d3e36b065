package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.ToolResultContent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;

/** The writing tools: {@code writeTextFile}, {@code appendTextFile}, {@code editTextFile}. */
final class WriteTools {
  private final Workspace workspace;
  private final BaseSkillLimits limits;

  WriteTools(Workspace workspace, BaseSkillLimits limits) {
    this.workspace = workspace;
    this.limits = limits;
  }

  List<BaseTool> tools() {
    return List.of(
        new BaseTool(
            Schema.object()
                .string("path", "File to write, relative to the workspace.", true)
                .string("text", "The whole new content, UTF-8 text.", true)
                .tool(
                    "writeTextFile",
                    "Create a text file, or replace an existing one's whole content (it is"
                        + " overwritten). Missing parent directories are created."),
            this::writeTextFile),
        new BaseTool(
            Schema.object()
                .string("path", "Existing file to add to, relative to the workspace.", true)
                .string("text", "Text to add at the end, UTF-8.", true)
                .tool(
                    "appendTextFile",
                    "Add text at the end of an existing file (logs, CSV rows, new sections),"
                        + " leaving what is there untouched. The file must already exist; no"
                        + " newline is added for you."),
            this::appendTextFile),
        new BaseTool(
            Schema.object()
                .string("path", "File to edit, relative to the workspace.", true)
                .string("newText", "What to put in its place.", true)
                .string("oldText", "Exact text to find; its first occurrence is replaced.", true)
                .tool(
                    "editTextFile",
                    "Replace the first exact occurrence of oldText in a file with newText."
                        + " Line endings are normalised to \\n in the file and in both texts."
                        + " Use appendTextFile to add at the end."),
            this::editTextFile));
  }

  private List<ToolResultContent> writeTextFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    String text = Args.string(args, "text");
    byte[] bytes = capped(text, "text");
    try (WorkspaceEntry entry = workspace.locate(path, true)) {
      if (entry.exists()) {
        requireWritableFile(entry, path);
      }
      try (SeekableByteChannel channel =
          entry.open(
              StandardOpenOption.WRITE,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        writeAll(channel, bytes);
      } catch (IOException e) {
        throw IoErrors.toolError(e, path);
      }
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      result.put("text", text);
      return Results.json(result);
    }
  }

  private List<ToolResultContent> appendTextFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    String text = Args.string(args, "text");
    byte[] bytes = capped(text, "text");
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      if (!entry.exists()) {
        throw new ToolCallException(
            "File " + path + " does not exist. Create it with writeTextFile first.");
      }
      requireWritableFile(entry, path);
      try (SeekableByteChannel channel =
          entry.open(StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
        writeAll(channel, bytes);
      } catch (IOException e) {
        throw IoErrors.toolError(e, path);
      }
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      result.put("text", text);
      return Results.json(result);
    }
  }

  private List<ToolResultContent> editTextFile(ObjectNode args) throws ToolCallException {
    String path = Args.string(args, "path");
    String newText = Args.string(args, "newText");
    String oldText = Args.string(args, "oldText");
    capped(newText, "newText");
    if (oldText.isEmpty()) {
      throw new ToolCallException(
          "oldText is empty, so there is nothing to replace. To add text use appendTextFile; to"
              + " replace the whole file use writeTextFile.");
    }
    try (WorkspaceEntry entry = workspace.locate(path, false)) {
      if (!entry.exists()) {
        throw new ToolCallException("File " + path + " does not exist.");
      }
      requireWritableFile(entry, path);
      // One open for read and write: nothing can be swapped between reading and writing back.
      try (SeekableByteChannel channel =
          entry.open(StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        byte[] bytes = WorkspaceEntry.readFully(channel, limits.maxTextReadBytes());
        if (bytes == null) {
          throw new ToolCallException(
              "File "
                  + path
                  + " is larger than "
                  + ReadTools.megabytes(limits.maxTextReadBytes())
                  + ", the limit for editTextFile.");
        }
        String content = lf(new String(bytes, StandardCharsets.UTF_8));
        String from = lf(oldText);
        int at = content.indexOf(from);
        if (at < 0) {
          throw new ToolCallException(
              "Could not find exact match for oldText in file "
                  + path
                  + ". Read the file again and copy the text exactly, whitespace included.");
        }
        String edited =
            content.substring(0, at) + lf(newText) + content.substring(at + from.length());
        channel.truncate(0);
        channel.position(0);
        writeAll(channel, edited.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw IoErrors.toolError(e, path);
      }
      ObjectNode result = Results.object();
      result.put("path", entry.absolute().toString());
      result.put("newText", newText);
      result.put("oldText", oldText);
      return Results.json(result);
    }
  }

  private byte[] capped(String text, String field) throws ToolCallException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > limits.maxWriteBytes()) {
      throw new ToolCallException(
          field
              + " is "
              + bytes.length
              + " bytes, more than the "
              + limits.maxWriteBytes()
              + "-byte limit for one write; write the file in parts with appendTextFile.");
    }
    return bytes;
  }

  private static void requireWritableFile(WorkspaceEntry entry, String path)
      throws ToolCallException {
    if (entry.isDirectory()) {
      throw new ToolCallException("Path " + path + " is a directory, not a file.");
    }
    if (!entry.isRegularFile()) {
      throw new ToolCallException("Path " + path + " is not a regular file.");
    }
    if (!entry.attributes().permissions().contains(PosixFilePermission.OWNER_WRITE)) {
      throw new ToolCallException("File " + path + " is not writable");
    }
  }

  private static String lf(String text) {
    return text.replace("\r\n", "\n");
  }

  private static void writeAll(SeekableByteChannel channel, byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}

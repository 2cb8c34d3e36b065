package dev.perstack.agent.base;

import dev.perstack.agent.skill.ToolCallException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns file system errors into messages that name the path the model gave. */
final class IoErrors {
  private IoErrors() {}

  /** A tool error for an I/O failure on {@code requested}, without the agent's stack trace. */
  static ToolCallException toolError(IOException e, String requested) {
    String message;
    if (e instanceof AccessDeniedException) {
      message = "Permission denied: " + requested;
    } else if (e instanceof NoSuchFileException) {
      message = requested + " does not exist";
    } else if (e instanceof FileAlreadyExistsException) {
      message = requested + " already exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      message = "Directory " + requested + " is not empty";
    } else if (e instanceof NotDirectoryException) {
      message = requested + " is not a directory";
    } else if (e instanceof FileSystemException fse && fse.getReason() != null) {
      message = "Could not access " + requested + ": " + fse.getReason();
    } else {
      message = "Could not access " + requested + ": " + e.getMessage();
    }
    return new ToolCallException(message, e);
  }
}

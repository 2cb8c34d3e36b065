package dev.perstack.agent.base;

import dev.perstack.agent.skill.ProtectedVariables;
import dev.perstack.agent.skill.ToolCallException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The environment {@code exec} gives a command, and how it finds the command's program. */
final class ExecEnvironment {
  /** Used when the granted environment names no PATH. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private ExecEnvironment() {}

  /**
   * The granted environment plus the call's own variables, refusing protected or malformed ones.
   */
  static Map<String, String> merge(Map<String, String> granted, Map<String, String> requested)
      throws ToolCallException {
    Map<String, String> merged = new LinkedHashMap<>(granted);
    for (Map.Entry<String, String> entry : requested.entrySet()) {
      String name = entry.getKey();
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new ToolCallException(
            "Invalid environment variable name '"
                + name
                + "' in env: names may not be empty or"
                + " contain '=' or NUL");
      }
      if (entry.getValue().indexOf('\0') >= 0) {
        throw new ToolCallException(
            "Invalid value for environment variable " + name + ": it contains a NUL character");
      }
      if (ProtectedVariables.isProtected(name)) {
        throw new ToolCallException(
            "Refused: the environment variable "
                + name
                + " cannot be set through exec, because it controls which programs run or what"
                + " they load. Remove it from env.");
      }
      merged.put(name, entry.getValue());
    }
    return merged;
  }

  /**
   * The program to start: a name with a slash is taken as a path (relative to {@code cwd}); a bare
   * name is looked up on the command's own PATH, not the agent's.
   */
  static Path findProgram(String command, Map<String, String> environment, Path cwd)
      throws ToolCallException {
    if (command.isEmpty() || command.indexOf('\0') >= 0) {
      throw new ToolCallException("Invalid arguments: 'command' must name a program");
    }
    try {
      if (command.contains("/")) {
        return cwd.resolve(command);
      }
      String path = environment.getOrDefault("PATH", DEFAULT_PATH);
      for (String dir : path.split(":")) {
        // An empty entry would mean "the current directory": never search it implicitly.
        if (dir.isEmpty() || !dir.startsWith("/")) {
          continue;
        }
        Path candidate = Path.of(dir, command);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      throw new ToolCallException(
          "Command not found: " + command + " (looked in PATH " + path + ")");
    } catch (InvalidPathException e) {
      throw new ToolCallException("Invalid command " + command + ": " + e.getReason());
    }
  }
}

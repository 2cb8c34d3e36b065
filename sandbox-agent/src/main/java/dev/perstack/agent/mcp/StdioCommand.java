package dev.perstack.agent.mcp;

import dev.perstack.protocol.job.McpStdioSkillSpec;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts a stdio MCP server.
 *
 * @param args the arguments after the command
 */
public record StdioCommand(String command, List<String> args) {
  public StdioCommand {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("command must not be blank");
    }
    args = List.copyOf(args);
  }

  /**
   * The command line of a skill: {@code command} followed by its {@code packageName} or its {@code
   * args}. For {@code npx}, {@code -y} is added when missing so that npx never waits for a "install
   * this package?" answer nobody can give.
   */
  public static StdioCommand of(McpStdioSkillSpec spec) {
    List<String> args = new ArrayList<>();
    spec.packageName().ifPresentOrElse(args::add, () -> args.addAll(spec.args()));
    if (spec.command().equals("npx") && !args.contains("-y")) {
      args.add(0, "-y");
    }
    return new StdioCommand(spec.command(), args);
  }

  /** The command followed by its arguments. */
  public List<String> commandLine() {
    List<String> line = new ArrayList<>(args.size() + 1);
    line.add(command);
    line.addAll(args);
    return line;
  }

  /**
   * The command line with the command looked up in {@code path}, the child's own {@code PATH}. The
   * JDK would search the agent's {@code PATH} instead; the child's is the one that should decide. A
   * command that contains a slash, or is not found, is left as it is.
   */
  public List<String> commandLineResolvedIn(String path) {
    List<String> line = commandLine();
    if (path == null || command.contains("/")) {
      return line;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, command);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        line.set(0, candidate.toString());
        break;
      }
    }
    return line;
  }
}

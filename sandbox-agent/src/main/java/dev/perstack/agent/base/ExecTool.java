package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.ToolResultContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The {@code exec} tool: runs one program (no shell) in a workspace directory, with a cleared
 * environment, closed stdin, capped output and a timeout that kills the whole process tree.
 */
final class ExecTool {
  // How often the running command's descendants are recorded, so that those orphaned by their
  // parent's exit can still be killed at the deadline.
  private static final long POLL_MILLIS = 50;
  private static final long AFTER_KILL_MILLIS = 2000;
  private static final int MAX_COMMAND_ECHO = 300;

  private final Workspace workspace;
  private final Map<String, String> granted;
  private final BaseSkillLimits limits;

  ExecTool(Workspace workspace, Map<String, String> granted, BaseSkillLimits limits) {
    this.workspace = workspace;
    this.granted = Map.copyOf(granted);
    this.limits = limits;
  }

  BaseTool tool() {
    return new BaseTool(
        Schema.object()
            .string("command", "The program to run, e.g. ls or python3 (no shell syntax).", true)
            .array("args", "string", "Its arguments, one per element.", true)
            .stringMap("env", "Extra environment variables for this command.", true)
            .string(
                "cwd", "Working directory, relative to the workspace (\".\" for its root).", true)
            .bool("stdout", "Whether to return what the command writes to standard output.", true)
            .bool("stderr", "Whether to return what the command writes to standard error.", true)
            .number(
                "timeout",
                "Milliseconds before the command and its children are killed (default "
                    + limits.execTimeoutDefault().toMillis()
                    + ", at most "
                    + limits.execTimeoutMax().toMillis()
                    + ").",
                false)
            .tool(
                "exec",
                "Run a program with arguments in the workspace and return its output: scripts,"
                    + " build tools, test runners. It runs without a shell (use command sh with"
                    + " args [\"-c\", \"...\"] for pipes), with no input, and output beyond "
                    + limits.execOutputBytes() / 1024
                    + " KB per stream is cut. Avoid commands that never end (tail -f, servers in"
                    + " the foreground). PATH, HOME, LD_* and similar variables cannot be set."),
        this::exec);
  }

  private List<ToolResultContent> exec(ObjectNode args) throws ToolCallException {
    String command = Args.string(args, "command");
    List<String> arguments = Args.strings(args, "args");
    Map<String, String> environment = ExecEnvironment.merge(granted, Args.stringMap(args, "env"));
    String cwd = Args.optionalString(args, "cwd").orElse(".");
    boolean captureOut = Args.bool(args, "stdout", true);
    boolean captureErr = Args.bool(args, "stderr", true);
    long timeoutMillis = timeoutMillis(Args.number(args, "timeout"));
    Path directory;
    try (WorkspaceEntry entry = workspace.locate(cwd, false)) {
      if (!entry.exists()) {
        throw new ToolCallException("Working directory " + cwd + " does not exist.");
      }
      if (!entry.isDirectory()) {
        throw new ToolCallException("Working directory " + cwd + " is not a directory.");
      }
      directory = entry.absolute();
    }
    List<String> commandLine = new ArrayList<>();
    commandLine.add(ExecEnvironment.findProgram(command, environment, directory).toString());
    for (String argument : arguments) {
      if (argument.indexOf('\0') >= 0) {
        throw new ToolCallException("Invalid arguments: an element of 'args' contains NUL");
      }
      commandLine.add(argument);
    }
    ProcessBuilder builder = new ProcessBuilder(commandLine).directory(directory.toFile());
    builder.environment().clear(); // never the agent's own environment
    builder.environment().putAll(environment);
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    if (!captureOut) {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    if (!captureErr) {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new ToolCallException("Could not start " + command + ": " + e.getMessage(), e);
    }
    return await(process, command, arguments, captureOut, captureErr, timeoutMillis);
  }

  private List<ToolResultContent> await(
      Process process,
      String command,
      List<String> arguments,
      boolean captureOut,
      boolean captureErr,
      long timeoutMillis)
      throws ToolCallException {
    try {
      process.getOutputStream().close(); // stdin: the command reads end-of-file at once
    } catch (IOException e) {
      // Already gone: nothing to close.
    }
    int cap = limits.execOutputBytes();
    OutputCapture out =
        captureOut
            ? new OutputCapture(process, process.getInputStream(), cap, "exec-stdout")
            : null;
    OutputCapture err =
        captureErr
            ? new OutputCapture(process, process.getErrorStream(), cap, "exec-stderr")
            : null;
    Set<ProcessHandle> seen = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    String note = "";
    try {
      while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(seen::add);
        if (System.nanoTime() - deadline >= 0) {
          ProcessTree.kill(process.toHandle(), seen);
          process.waitFor(AFTER_KILL_MILLIS, TimeUnit.MILLISECONDS);
          long drain = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AFTER_KILL_MILLIS);
          ended(out, drain);
          ended(err, drain);
          throw new ToolCallException(
              "Command timed out after "
                  + timeoutMillis
                  + "ms; it was killed with its child processes."
                  + outputs(out, err));
        }
      }
      if (!(ended(out, deadline) && ended(err, deadline))) {
        note = "\n[the output may be incomplete: it was still being read at the deadline]";
      }
    } catch (InterruptedException e) {
      ProcessTree.kill(process.toHandle(), seen);
      Thread.currentThread().interrupt();
      throw new ToolCallException("exec was interrupted; the command was killed", e);
    }
    int code = process.exitValue();
    if (code != 0) {
      throw new ToolCallException(
          "Command failed with exit code "
              + code
              + ": "
              + echo(command, arguments)
              + outputs(out, err)
              + note);
    }
    String output = (out == null ? "" : out.text()) + (err == null ? "" : err.text());
    if (output.isBlank()) {
      output = "Command executed successfully, but produced no output.";
    }
    ObjectNode result = Results.object();
    result.put("output", output + note);
    return Results.json(result);
  }

  private long timeoutMillis(OptionalDouble requested) throws ToolCallException {
    long max = limits.execTimeoutMax().toMillis();
    if (requested.isEmpty()) {
      return limits.execTimeoutDefault().toMillis();
    }
    double value = requested.getAsDouble();
    if (!(value >= 1) || Double.isInfinite(value)) {
      throw new ToolCallException(
          "Invalid arguments: 'timeout' must be a positive number of milliseconds");
    }
    if (value > max) {
      throw new ToolCallException(
          "Invalid arguments: 'timeout' may be at most " + max + " ms, was " + (long) value);
    }
    return (long) value;
  }

  private static boolean ended(OutputCapture capture, long deadlineNanos)
      throws InterruptedException {
    if (capture == null) {
      return true;
    }
    long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
    return capture.awaitEnd(Math.max(1, left));
  }

  private static String outputs(OutputCapture out, OutputCapture err) {
    StringBuilder text = new StringBuilder();
    if (out != null && !out.text().isEmpty()) {
      text.append("\nstdout:\n").append(out.text());
    }
    if (err != null && !err.text().isEmpty()) {
      text.append("\nstderr:\n").append(err.text());
    }
    return text.toString();
  }

  private static String echo(String command, List<String> arguments) {
    String line = arguments.isEmpty() ? command : command + " " + String.join(" ", arguments);
    return line.length() <= MAX_COMMAND_ECHO ? line : line.substring(0, MAX_COMMAND_ECHO) + "...";
  }
}

package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ProtectedVariables;
import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ToolResultContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code @perstack/base} skill, hosted in the agent: todo and completion control, {@code exec},
 * and file tools confined to the workspace (see {@link Workspace} for how).
 */
public final class BaseSkill implements Skill {
  /** The skill's name in {@code perstack.toml}. */
  public static final String NAME = "@perstack/base";

  // The original's registration order, which is the order the model sees the tools in.
  private static final List<String> ORDER =
      List.of(
          "attemptCompletion",
          "todo",
          "clearTodo",
          "exec",
          "getFileInfo",
          "healthCheck",
          "readTextFile",
          "readImageFile",
          "readPdfFile",
          "writeTextFile",
          "appendTextFile",
          "editTextFile",
          "moveFile",
          "deleteFile",
          "listDirectory",
          "createDirectory",
          "deleteDirectory");

  private final Workspace workspace;
  private final TodoList todos;
  private final Map<String, BaseTool> tools;
  private volatile boolean closed;

  /**
   * Opens the base skill on a workspace.
   *
   * @param workspaceRoot the workspace directory (normally {@code /workspace}); must exist
   * @param execEnvironment everything {@code exec} commands get as their environment: the variables
   *     granted by the expert's {@code requiredEnv} plus a safe PATH and HOME (see {@link
   *     #execEnvironment}); never the agent's own environment
   * @param limits caps on time and sizes
   * @param todos the run's todo list, which the loop reads through {@link #openTodos()}
   * @throws IOException when the workspace cannot be opened
   */
  public BaseSkill(
      Path workspaceRoot,
      Map<String, String> execEnvironment,
      BaseSkillLimits limits,
      TodoList todos)
      throws IOException {
    this.workspace = new Workspace(workspaceRoot);
    this.todos = todos;
    List<BaseTool> all = new ArrayList<>();
    all.addAll(new ControlTools(todos, workspace.root()).tools());
    all.add(new ExecTool(workspace, execEnvironment, limits).tool());
    all.addAll(new ReadTools(workspace, limits).tools());
    all.addAll(new WriteTools(workspace, limits).tools());
    all.addAll(new FileTools(workspace).tools());
    all.addAll(new DirectoryTools(workspace).tools());
    Map<String, BaseTool> byName = new HashMap<>();
    all.forEach(tool -> byName.put(tool.name(), tool));
    Map<String, BaseTool> ordered = new LinkedHashMap<>();
    ORDER.forEach(name -> ordered.put(name, byName.get(name)));
    this.tools = ordered;
  }

  /**
   * The environment for {@code exec}: a fixed PATH, {@code HOME}, and the granted {@code
   * requiredEnv} values.
   *
   * @throws IllegalArgumentException when a granted name is one {@code exec} never passes on (PATH,
   *     HOME, LD_*, DYLD_*, interpreter option variables)
   */
  public static Map<String, String> execEnvironment(Map<String, String> granted, String home) {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("PATH", ExecEnvironment.DEFAULT_PATH);
    environment.put("HOME", home);
    granted.forEach(
        (name, value) -> {
          if (ProtectedVariables.isProtected(name)) {
            throw new IllegalArgumentException(
                "requiredEnv may not grant " + name + " to the base skill's exec");
          }
          environment.put(name, value);
        });
    return environment;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start() {
    // Ready from construction: the workspace is opened there.
  }

  @Override
  public List<ToolDefinition> tools() {
    return tools.values().stream().map(BaseTool::definition).toList();
  }

  @Override
  public List<ToolResultContent> call(String toolName, ObjectNode arguments)
      throws ToolCallException {
    if (closed) {
      throw new ToolCallException("The base skill has been stopped");
    }
    BaseTool tool = tools.get(toolName);
    if (tool == null) {
      throw new ToolCallException(
          "Unknown tool " + toolName + " in " + NAME + "; its tools are " + tools.keySet());
    }
    try {
      return tool.handler().call(arguments);
    } catch (RuntimeException e) {
      // A bug or an odd file system state must fail one call, not the run.
      throw new ToolCallException(toolName + " failed unexpectedly: " + e, e);
    }
  }

  /** The todos not yet completed; {@code attemptCompletion} with any of these does not finish. */
  public List<TodoList.Todo> openTodos() {
    return todos.open();
  }

  /** The todo list this skill keeps. */
  public TodoList todoList() {
    return todos;
  }

  @Override
  public void close() {
    closed = true;
    workspace.close();
  }
}

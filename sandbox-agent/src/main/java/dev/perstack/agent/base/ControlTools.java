package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.ToolResultContent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The tools that steer the run: {@code attemptCompletion}, {@code todo}, {@code clearTodo}, {@code
 * healthCheck}.
 */
final class ControlTools {
  private static final long MB = 1024 * 1024;

  private final TodoList todos;
  private final Path workspaceRoot;
  private final long startedAtMillis = System.currentTimeMillis();

  ControlTools(TodoList todos, Path workspaceRoot) {
    this.todos = todos;
    this.workspaceRoot = workspaceRoot;
  }

  List<BaseTool> tools() {
    return List.of(
        new BaseTool(
            Schema.object()
                .tool(
                    "attemptCompletion",
                    "Signal that the task is done. If the todo list still has open items they are"
                        + " returned and the run goes on; with none open, the run finishes."
                        + " Complete or clear your todos before calling it."),
            args -> attemptCompletion()),
        new BaseTool(
            Schema.object()
                .array("newTodos", "string", "Tasks to add to the todo list.", false)
                .array(
                    "completedTodos",
                    "number",
                    "Ids of todos to mark as completed (ids start at 0 in the order added).",
                    false)
                .tool(
                    "todo",
                    "Keep a todo list across the run: add tasks, mark them completed by id, and"
                        + " get the whole list back after every call."),
            this::todo),
        new BaseTool(
            Schema.object().tool("clearTodo", "Empty the todo list and restart its ids at 0."),
            args -> clearTodo()),
        new BaseTool(
            Schema.object()
                .tool(
                    "healthCheck",
                    "Report whether the Perstack runtime is responsive: status, workspace"
                        + " directory, uptime and memory use. Touches no files."),
            args -> healthCheck()));
  }

  private List<ToolResultContent> attemptCompletion() {
    List<TodoList.Todo> open = todos.open();
    ObjectNode result = Results.object();
    if (!open.isEmpty()) {
      write(result.putArray("remainingTodos"), open);
    }
    return Results.json(result);
  }

  private List<ToolResultContent> todo(ObjectNode args) throws ToolCallException {
    List<String> added = Args.strings(args, "newTodos");
    List<Integer> completed = new ArrayList<>();
    for (double id : Args.numbers(args, "completedTodos")) {
      // A fractional id matches nothing, as with the original's strict equality.
      if (id == Math.rint(id) && Math.abs(id) < Integer.MAX_VALUE) {
        completed.add((int) id);
      }
    }
    List<TodoList.Todo> all;
    try {
      all = todos.update(added, completed);
    } catch (IllegalArgumentException e) {
      throw new ToolCallException("Cannot update the todo list: " + e.getMessage());
    }
    ObjectNode result = Results.object();
    write(result.putArray("todos"), all);
    return Results.json(result);
  }

  private List<ToolResultContent> clearTodo() {
    todos.clear();
    ObjectNode result = Results.object();
    result.putArray("todos");
    return Results.json(result);
  }

  private List<ToolResultContent> healthCheck() {
    Runtime runtime = Runtime.getRuntime();
    long total = runtime.totalMemory();
    long used = total - runtime.freeMemory();
    ObjectNode result = Results.object();
    result.put("status", "ok");
    result.put("workspace", workspaceRoot.toString());
    result.put("uptime", (System.currentTimeMillis() - startedAtMillis) / 1000 + "s");
    ObjectNode memory = result.putObject("memory");
    memory.put("heapUsed", Math.round((double) used / MB) + "MB");
    memory.put("heapTotal", Math.round((double) total / MB) + "MB");
    result.put("pid", ProcessHandle.current().pid());
    return Results.json(result);
  }

  private static void write(ArrayNode array, List<TodoList.Todo> items) {
    for (TodoList.Todo todo : items) {
      array
          .addObject()
          .put("id", todo.id())
          .put("title", todo.title())
          .put("completed", todo.completed());
    }
  }
}

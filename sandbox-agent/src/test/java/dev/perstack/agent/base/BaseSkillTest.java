package dev.perstack.agent.base;

import static dev.perstack.agent.base.BaseSkillFixture.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.protocol.generation.ToolDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skill's surface (names, schemas) and the control tools: todos, completion, health. */
class BaseSkillTest {
  @TempDir Path tempDir;
  BaseSkillFixture ws;

  @BeforeEach
  void setUp() {
    ws = new BaseSkillFixture(tempDir);
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Nested
  class Surface {
    @Test
    void isNamedLikeTheOriginalPackage() {
      assertThat(ws.skill.name()).isEqualTo("@perstack/base");
    }

    @Test
    void offersTheOriginalsToolsInItsOrder() {
      assertThat(ws.skill.tools().stream().map(ToolDefinition::name))
          .containsExactly(
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
      assertThat(ws.skill.tools()).allSatisfy(t -> assertThat(t.description()).isPresent());
    }

    @Test
    void usesTheOriginalsArgumentNames() {
      Map<String, ToolDefinition> tools =
          ws.skill.tools().stream().collect(Collectors.toMap(ToolDefinition::name, t -> t));
      assertThat(fields(tools.get("exec")))
          .containsExactly("command", "args", "env", "cwd", "stdout", "stderr", "timeout");
      assertThat(required(tools.get("exec")))
          .containsExactly("command", "args", "env", "cwd", "stdout", "stderr");
      assertThat(fields(tools.get("todo"))).containsExactly("newTodos", "completedTodos");
      assertThat(required(tools.get("todo"))).isEmpty();
      assertThat(fields(tools.get("readTextFile"))).containsExactly("path", "from", "to");
      assertThat(fields(tools.get("editTextFile"))).containsExactly("path", "newText", "oldText");
      assertThat(fields(tools.get("moveFile"))).containsExactly("source", "destination");
      assertThat(fields(tools.get("deleteDirectory"))).containsExactly("path", "recursive");
      assertThat(required(tools.get("deleteDirectory"))).containsExactly("path");
      assertThat(fields(tools.get("attemptCompletion"))).isEmpty();
      assertThat(tools.get("exec").inputSchema().get("type").asText()).isEqualTo("object");
    }

    @Test
    void unknownToolIsReported() {
      assertThat(ws.error("think", args())).startsWith("Unknown tool think in @perstack/base");
    }

    @Test
    void refusesCallsAfterClose() {
      ws.skill.close();
      assertThat(ws.error("healthCheck", args())).isEqualTo("The base skill has been stopped");
    }

    @Test
    void execEnvironmentRefusesToGrantProtectedNames() {
      assertThatThrownBy(() -> BaseSkill.execEnvironment(Map.of("LD_PRELOAD", "x"), "/home"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LD_PRELOAD");
      assertThat(BaseSkill.execEnvironment(Map.of("GH_TOKEN", "t"), "/home"))
          .containsEntry("GH_TOKEN", "t")
          .containsEntry("HOME", "/home")
          .containsKey("PATH");
    }

    private List<String> fields(ToolDefinition tool) {
      return iterate(tool.inputSchema().get("properties").fieldNames());
    }

    private List<String> required(ToolDefinition tool) {
      JsonNode required = tool.inputSchema().get("required");
      return required == null
          ? List.of()
          : iterate(required.elements()).stream().map(JsonNode::asText).toList();
    }

    private <T> List<T> iterate(Iterator<T> it) {
      List<T> out = new ArrayList<>();
      it.forEachRemaining(out::add);
      return out;
    }
  }

  @Nested
  class Todos {
    @Test
    void addsTodosWithIdsFromZeroAndReturnsTheList() {
      JsonNode result = ws.json("todo", args("newTodos", List.of("plan", "build")));
      assertThat(result.get("todos").toString())
          .isEqualTo(
              "[{\"id\":0,\"title\":\"plan\",\"completed\":false},"
                  + "{\"id\":1,\"title\":\"build\",\"completed\":false}]");
    }

    @Test
    void marksTodosCompletedByIdAndIgnoresUnknownIds() {
      ws.json("todo", args("newTodos", List.of("plan", "build", "ship")));
      JsonNode todos = ws.json("todo", args("completedTodos", List.of(0, 2, 99))).get("todos");
      assertThat(todos.findValuesAsText("completed")).containsExactly("true", "false", "true");
      assertThat(ws.skill.openTodos()).extracting(TodoList.Todo::title).containsExactly("build");
    }

    @Test
    void clearTodoEmptiesTheListAndRestartsIds() {
      ws.json("todo", args("newTodos", List.of("a", "b")));
      assertThat(ws.json("clearTodo", args()).get("todos")).isEmpty();
      assertThat(
              ws.json("todo", args("newTodos", List.of("c"))).get("todos").get(0).get("id").asInt())
          .isZero();
    }

    @Test
    void refusesNonStringTodos() {
      assertThat(ws.error("todo", args("newTodos", List.of(1))))
          .isEqualTo("Invalid arguments: 'newTodos' must be an array of strings");
    }

    @Test
    void capsTheListSize() {
      List<String> many = Collections.nCopies(TodoList.MAX_ITEMS + 1, "t");
      assertThat(ws.error("todo", args("newTodos", many)))
          .contains("at most " + TodoList.MAX_ITEMS);
      assertThat(ws.todos.all()).isEmpty();
    }
  }

  @Nested
  class AttemptCompletion {
    @Test
    void returnsTheOpenTodosWhileAnyRemain() {
      ws.json("todo", args("newTodos", List.of("plan", "build")));
      ws.json("todo", args("completedTodos", List.of(0)));
      JsonNode result = ws.json("attemptCompletion", args());
      assertThat(result.get("remainingTodos").toString())
          .isEqualTo("[{\"id\":1,\"title\":\"build\",\"completed\":false}]");
      assertThat(ws.skill.openTodos()).hasSize(1);
    }

    @Test
    void returnsAnEmptyObjectWhenNothingIsOpen() {
      assertThat(ws.json("attemptCompletion", args()).toString()).isEqualTo("{}");
      ws.json("todo", args("newTodos", List.of("only")));
      ws.json("todo", args("completedTodos", List.of(0)));
      assertThat(ws.json("attemptCompletion", args()).toString()).isEqualTo("{}");
      assertThat(ws.skill.openTodos()).isEmpty();
    }
  }

  @Nested
  class HealthCheck {
    @Test
    void reportsOkWithTheWorkspace() throws Exception {
      JsonNode health = ws.json("healthCheck", args());
      assertThat(health.get("status").asText()).isEqualTo("ok");
      assertThat(health.get("workspace").asText()).isEqualTo(ws.root.toRealPath().toString());
      assertThat(health.get("uptime").asText()).matches("\\d+s");
      assertThat(health.get("memory").get("heapUsed").asText()).endsWith("MB");
      assertThat(health.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    }
  }
}

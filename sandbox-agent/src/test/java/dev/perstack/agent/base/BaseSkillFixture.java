package dev.perstack.agent.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real workspace in a temp directory, a secret file beside it (outside), and a base skill on the
 * workspace, with shortcuts for calling tools.
 */
final class BaseSkillFixture implements AutoCloseable {
  static final String SECRET = "TOP-SECRET-OUTSIDE-CONTENT";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Path root;
  final Path outside;
  final Path secret;
  final TodoList todos = new TodoList();
  final BaseSkill skill;

  BaseSkillFixture(Path tempDir) {
    this(tempDir, BaseSkillLimits.defaults(), Map.of());
  }

  BaseSkillFixture(Path tempDir, BaseSkillLimits limits, Map<String, String> granted) {
    try {
      root = Files.createDirectories(tempDir.resolve("ws"));
      outside = Files.createDirectories(tempDir.resolve("outside"));
      secret = Files.writeString(outside.resolve("secret.txt"), SECRET);
      skill =
          new BaseSkill(root, BaseSkill.execEnvironment(granted, root.toString()), limits, todos);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Arguments from alternating names and values. */
  static ObjectNode args(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return JSON.valueToTree(map);
  }

  List<ToolResultContent> call(String tool, ObjectNode args) throws ToolCallException {
    return skill.call(tool, args);
  }

  /** Calls a tool that must succeed with one JSON text part, and parses it. */
  JsonNode json(String tool, ObjectNode args) {
    try {
      List<ToolResultContent> result = skill.call(tool, args);
      assertThat(result).hasSize(1).first().isInstanceOf(TextPart.class);
      return JSON.readTree(((TextPart) result.get(0)).text());
    } catch (ToolCallException e) {
      throw new AssertionError(tool + " failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Calls a tool that must fail, and returns the message the model would see. */
  String error(String tool, ObjectNode args) {
    ToolCallException e =
        catchThrowableOfType(ToolCallException.class, () -> skill.call(tool, args));
    assertThat(e).as("%s %s should fail", tool, args).isNotNull();
    return e.getMessage();
  }

  Path write(String relative, String content) {
    try {
      Path file = root.resolve(relative);
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String read(String relative) {
    try {
      return Files.readString(root.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    skill.close();
  }
}

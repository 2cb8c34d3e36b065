package dev.perstack.controlplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResultContent;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.UserMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** Generation requests for the tests, with fresh ids each time. */
final class Requests {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** A tool schema using nesting, enums, arrays, descriptions and bounds. */
  static final String WRITE_SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"path\":{\"type\":\"string\",\"description\":\"Where to write\",\"minLength\":1},"
          + "\"text\":{\"type\":\"string\"},"
          + "\"mode\":{\"type\":\"string\",\"enum\":[\"create\",\"overwrite\"]},"
          + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
          + "\"options\":{\"type\":\"object\",\"properties\":{\"retries\":{\"type\":\"integer\","
          + "\"minimum\":0}},\"required\":[\"retries\"]}"
          + "},\"required\":[\"path\",\"text\"],\"additionalProperties\":false}";

  private Requests() {}

  static String id() {
    return UUID.randomUUID().toString();
  }

  static InstructionMessage instruction(String text) {
    return new InstructionMessage(id(), List.of(new TextPart(id(), text)), Optional.empty());
  }

  static UserMessage user(String text) {
    return new UserMessage(id(), List.of(new TextPart(id(), text)), Optional.empty());
  }

  static ToolDefinition writeTool() {
    return new ToolDefinition(
        "writeTextFile", Optional.of("Writes a text file"), (ObjectNode) json(WRITE_SCHEMA));
  }

  static GenerationRequest ask(String question) {
    return request(List.of(instruction("You are terse."), user(question)), List.of());
  }

  static GenerationRequest request(List<Message> messages, List<ToolDefinition> tools) {
    return new GenerationRequest(
        "hello",
        messages,
        tools,
        new ReasoningBudget.Level(ReasoningBudget.LevelName.NONE),
        OptionalLong.empty());
  }

  static GenerationRequest withBudget(GenerationRequest request, ReasoningBudget budget) {
    return new GenerationRequest(
        request.expertKey(), request.messages(), request.tools(), budget, request.maxTokens());
  }

  /** The conversation after a tool call: the call, then its result. */
  static GenerationRequest afterToolCall(
      GenerationRequest first, List<ExpertContent> called, String result) {
    List<Message> messages = new ArrayList<>(first.messages());
    messages.add(new ExpertMessage(id(), called, Optional.empty()));
    List<ToolResultPart> results = new ArrayList<>();
    for (ExpertContent part : called) {
      if (part instanceof ToolCallPart call) {
        List<ToolResultContent> contents = List.of(new TextPart(id(), result));
        results.add(
            new ToolResultPart(
                id(), call.toolCallId(), call.toolName(), contents, Optional.empty()));
      }
    }
    messages.add(new ToolMessage(id(), results, Optional.empty()));
    return request(messages, first.tools());
  }

  /** A user image, then a tool call whose result holds an image: both must reach the model. */
  static GenerationRequest withImages(String userImage, String toolImage) {
    UserMessage user =
        new UserMessage(
            id(),
            List.of(
                new TextPart(id(), "What is in these?"),
                new ImageInlinePart(id(), userImage, "image/png")),
            Optional.empty());
    ToolCallPart call =
        new ToolCallPart(id(), "call_img", "readImageFile", json("{\"path\":\"a.png\"}"));
    List<ToolResultContent> contents =
        List.of(new TextPart(id(), "a.png"), new ImageInlinePart(id(), toolImage, "image/png"));
    ToolResultPart result =
        new ToolResultPart(id(), "call_img", "readImageFile", contents, Optional.empty());
    return request(
        List.of(
            instruction("Look."),
            user,
            new ExpertMessage(id(), List.of(call), Optional.empty()),
            new ToolMessage(id(), List.of(result), Optional.empty())),
        List.of());
  }

  static ThinkingPart thinking(String text, String signature) {
    return new ThinkingPart(id(), text, Optional.of(signature));
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

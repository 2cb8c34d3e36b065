package dev.perstack.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.MessagePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.ToolResultContent;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.UserContent;
import dev.perstack.protocol.message.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Builds the messages a run adds to its conversation, shaped as Perstack's. */
final class RunMessages {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunMessages() {}

  static UserMessage user(String text) {
    return new UserMessage(
        Ids.next(), List.<UserContent>of(new TextPart(Ids.next(), text)), Optional.empty());
  }

  static ExpertMessage expert(List<ExpertContent> contents) {
    return new ExpertMessage(Ids.next(), contents, Optional.empty());
  }

  /** One tool message answering every result, keeping only the parts a tool result may hold. */
  static ToolMessage tool(List<ToolResult> results) {
    List<ToolResultPart> parts = new ArrayList<>();
    for (ToolResult result : results) {
      List<ToolResultContent> contents = new ArrayList<>();
      for (MessagePart part : result.result()) {
        if (part instanceof ToolResultContent content) {
          contents.add(content);
        }
      }
      parts.add(
          new ToolResultPart(
              Ids.next(),
              result.id(),
              result.toolName(),
              contents,
              ToolExecutor.isError(result) ? Optional.of(true) : Optional.empty()));
    }
    return new ToolMessage(Ids.next(), parts, Optional.empty());
  }

  /** The reason text of a retry, as the original writes it: {@code {"error":..,"message":..}}. */
  static String retryReason(String error, String message) {
    return JSON.createObjectNode().put("error", error).put("message", message).toString();
  }

  static String text(List<ExpertContent> contents) {
    return contents.stream()
        .filter(TextPart.class::isInstance)
        .map(p -> ((TextPart) p).text())
        .collect(Collectors.joining());
  }

  static String thinking(List<ExpertContent> contents) {
    return contents.stream()
        .filter(ThinkingPart.class::isInstance)
        .map(p -> ((ThinkingPart) p).thinking())
        .collect(Collectors.joining());
  }

  static List<ExpertContent> thinkingParts(List<ExpertContent> contents) {
    return contents.stream().filter(ThinkingPart.class::isInstance).toList();
  }

  /** The text of the last message when the model wrote some beside its last tool calls. */
  static Optional<String> lastExpertText(List<Message> messages) {
    if (messages.isEmpty() || !(messages.get(messages.size() - 1) instanceof ExpertMessage last)) {
      return Optional.empty();
    }
    String text = text(last.contents()).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  /** Whether attemptCompletion answered with open todos (the loop then goes on). */
  static boolean hasRemainingTodos(ToolResult result) {
    if (result.result().isEmpty() || !(result.result().get(0) instanceof TextPart text)) {
      return false;
    }
    try {
      JsonNode parsed = JSON.readTree(text.text());
      JsonNode todos = parsed == null ? null : parsed.get("remainingTodos");
      return todos != null && todos.isArray() && !todos.isEmpty();
    } catch (Exception notJson) {
      return false;
    }
  }
}

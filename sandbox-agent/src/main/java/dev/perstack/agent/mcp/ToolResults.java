package dev.perstack.agent.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.FileInlinePart;
import dev.perstack.protocol.message.ImageInlinePart;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.BlobResourceContents;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Content;
import io.modelcontextprotocol.spec.McpSchema.EmbeddedResource;
import io.modelcontextprotocol.spec.McpSchema.ImageContent;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Conversions between the MCP SDK's tool types and Perstack's. */
final class ToolResults {
  private ToolResults() {}

  static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** A tool as the model sees it; a tool without an input schema takes an empty object. */
  static ToolDefinition definition(McpSchema.Tool tool) {
    ObjectNode schema =
        tool.inputSchema() == null
            ? JSON.createObjectNode().put("type", "object")
            : JSON.valueToTree(tool.inputSchema());
    return new ToolDefinition(tool.name(), Optional.ofNullable(tool.description()), schema);
  }

  static Map<String, Object> arguments(ObjectNode arguments) {
    return arguments == null ? Map.of() : JSON.convertValue(arguments, MAP);
  }

  /**
   * The parts of a tool result, as the original converts them: text, images and embedded resources
   * are kept; audio and resource links are dropped; an empty result says so in text.
   *
   * @throws ToolCallException when the server flagged the result with {@code isError}
   */
  static List<ToolResultContent> parts(String toolName, ObjectNode arguments, CallToolResult result)
      throws ToolCallException {
    List<Content> content = result.content() == null ? List.of() : result.content();
    if (Boolean.TRUE.equals(result.isError())) {
      throw new ToolCallException(errorText(content));
    }
    List<ToolResultContent> parts = new ArrayList<>();
    for (Content item : content) {
      if (item instanceof TextContent text) {
        // The original's wording for an empty text part, kept so transcripts read the same.
        parts.add(text(isEmpty(text.text()) ? "Error: No content" : text.text()));
      } else if (item instanceof ImageContent image) {
        if (isEmpty(image.data()) || isEmpty(image.mimeType())) {
          throw new ToolCallException("the tool returned an image without data or mimeType");
        }
        parts.add(new ImageInlinePart(id(), image.data(), image.mimeType()));
      } else if (item instanceof EmbeddedResource embedded) {
        resource(embedded).ifPresent(parts::add);
      }
    }
    if (parts.isEmpty() && result.structuredContent() != null) {
      // A server may answer only with structured content; the model still needs to see it.
      parts.add(text(json(result.structuredContent())));
    }
    if (parts.isEmpty()) {
      parts.add(
          text(
              "Tool "
                  + toolName
                  + " returned nothing with arguments: "
                  + (arguments == null ? "{}" : arguments.toString())));
    }
    return parts;
  }

  private static Optional<ToolResultContent> resource(EmbeddedResource embedded) {
    if (embedded.resource() instanceof TextResourceContents text && text.text() != null) {
      return Optional.of(text(text.text()));
    }
    if (embedded.resource() instanceof BlobResourceContents blob && !isEmpty(blob.blob())) {
      String mimeType = isEmpty(blob.mimeType()) ? "application/octet-stream" : blob.mimeType();
      return Optional.of(new FileInlinePart(id(), blob.blob(), mimeType));
    }
    return Optional.empty();
  }

  private static String errorText(List<Content> content) {
    List<String> texts = new ArrayList<>();
    for (Content item : content) {
      if (item instanceof TextContent text && !isEmpty(text.text())) {
        texts.add(text.text());
      }
    }
    return texts.isEmpty()
        ? "the tool reported an error without a message"
        : String.join("\n", texts);
  }

  private static String json(Object value) {
    try {
      JsonNode node = JSON.valueToTree(value);
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return String.valueOf(value);
    }
  }

  private static TextPart text(String text) {
    return new TextPart(id(), text);
  }

  private static String id() {
    return UUID.randomUUID().toString();
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}

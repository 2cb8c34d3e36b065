package dev.perstack.agent.base;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolResultContent;
import java.util.List;
import java.util.UUID;

/** Builds tool results the way the original does: one text part holding a JSON object. */
final class Results {
  static final ObjectMapper JSON = new ObjectMapper();

  private Results() {}

  /** A fresh JSON object to fill in. */
  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** A result whose only part is {@code value} serialised as JSON text. */
  static List<ToolResultContent> json(ObjectNode value) {
    try {
      return List.of(new TextPart(newId(), JSON.writeValueAsString(value)));
    } catch (JsonProcessingException e) {
      // An ObjectNode of strings and numbers always serialises.
      throw new IllegalStateException(e);
    }
  }

  /** A new part id. */
  static String newId() {
    return UUID.randomUUID().toString();
  }
}

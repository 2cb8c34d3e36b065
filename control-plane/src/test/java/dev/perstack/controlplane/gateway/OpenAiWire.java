package dev.perstack.controlplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;

/** Where OpenAI chat completions requests keep tools and tool results. */
final class OpenAiWire {
  private OpenAiWire() {}

  static JsonNode toolSchema(JsonNode body) {
    return body.path("tools").path(0).path("function").path("parameters");
  }

  static String toolResult(JsonNode body, String callId) {
    for (JsonNode message : body.path("messages")) {
      if (message.path("role").asText().equals("tool")
          && message.path("tool_call_id").asText().equals(callId)) {
        return message.path("content").toString();
      }
    }
    throw new AssertionError("no tool message for " + callId + " in " + body);
  }
}

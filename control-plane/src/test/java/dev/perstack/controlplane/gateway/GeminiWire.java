package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Where Gemini generateContent requests keep tools, tool results and thinking. */
final class GeminiWire {
  private GeminiWire() {}

  static JsonNode toolSchema(JsonNode body) {
    return body.path("tools").path(0).path("functionDeclarations").path(0).path("parameters");
  }

  static String toolResult(JsonNode body, String toolName) {
    for (JsonNode content : body.path("contents")) {
      for (JsonNode part : content.path("parts")) {
        JsonNode response = part.path("functionResponse");
        if (response.path("name").asText().equals(toolName)) {
          return response.path("response").toString();
        }
      }
    }
    throw new AssertionError("no functionResponse for " + toolName + " in " + body);
  }

  static void assertThinkingBudget(JsonNode body, int budget) {
    JsonNode thinking = body.path("generationConfig").path("thinkingConfig");
    assertThat(thinking.path("thinkingBudget").asInt()).isEqualTo(budget);
    assertThat(thinking.path("includeThoughts").asBoolean()).isTrue();
  }
}

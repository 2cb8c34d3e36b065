package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.testsupport.model.RecordedRequest;
import java.util.Map;

/** The Gemini API: x-goog-api-key, thinking budget, thoughts streamed as reasoning. */
class GoogleContractTest extends ProviderContract {
  @Override
  ProviderName provider() {
    return ProviderName.GOOGLE;
  }

  @Override
  String model() {
    return "gemini-2.5-flash";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none().headers(customHeaders()).build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    return Map.of(
        "GOOGLE_GENERATIVE_AI_API_KEY", KEY, "GOOGLE_GENERATIVE_AI_BASE_URL", baseUrl + "/v1beta");
  }

  @Override
  boolean carriesToolCallIds() {
    return false;
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(request.header("x-goog-api-key")).contains(KEY);
    assertThat(request.header("authorization")).isEmpty();
  }

  @Override
  JsonNode sentToolSchema(JsonNode body) {
    return GeminiWire.toolSchema(body);
  }

  @Override
  String sentToolResult(JsonNode body, String callId, String toolName) {
    return GeminiWire.toolResult(body, toolName);
  }

  @Override
  void assertReasoningRequested(JsonNode body) {
    GeminiWire.assertThinkingBudget(body, 2048);
  }
}

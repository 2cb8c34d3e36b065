package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.testsupport.model.RecordedRequest;
import java.util.Map;

/** Ollama through its OpenAI-compatible {@code /v1} API, with no key. */
class OllamaContractTest extends ProviderContract {
  @Override
  ProviderName provider() {
    return ProviderName.OLLAMA;
  }

  @Override
  String model() {
    return "qwen3:8b";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none().headers(customHeaders()).build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    // The AI SDK's form, .../api, is accepted too.
    return Map.of("OLLAMA_BASE_URL", baseUrl + "/api");
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).isEmpty();
  }

  @Override
  JsonNode sentToolSchema(JsonNode body) {
    return OpenAiWire.toolSchema(body);
  }

  @Override
  String sentToolResult(JsonNode body, String callId, String toolName) {
    return OpenAiWire.toolResult(body, callId);
  }

  @Override
  void assertReasoningRequested(JsonNode body) {
    assertThat(body.has("reasoning_effort")).isFalse();
  }
}

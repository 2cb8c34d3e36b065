package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.testsupport.model.RecordedRequest;
import java.util.Map;

/** OpenAI chat completions with a base URL, organization, project and headers from settings. */
class OpenAiContractTest extends ProviderContract {
  @Override
  ProviderName provider() {
    return ProviderName.OPENAI;
  }

  @Override
  String model() {
    return "o4-mini";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none()
        .baseUrl(baseUrl + "/v1")
        .organization("org-test", "proj-test")
        .headers(customHeaders())
        .build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    // The setting wins over the environment's base URL, which points nowhere.
    return Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("authorization")).contains("Bearer " + KEY);
    assertThat(request.header("openai-organization")).contains("org-test");
    assertThat(request.header("openai-project")).contains("proj-test");
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
    assertThat(body.path("reasoning_effort").asText()).isEqualTo("low");
  }
}

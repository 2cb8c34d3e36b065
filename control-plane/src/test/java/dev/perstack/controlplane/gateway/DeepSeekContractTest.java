package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.testsupport.model.RecordedRequest;
import java.util.Map;

/** DeepSeek: base URL from {@code DEEPSEEK_BASE_URL}; the reasoner streams reasoning_content. */
class DeepSeekContractTest extends ProviderContract {
  @Override
  ProviderName provider() {
    return ProviderName.DEEPSEEK;
  }

  @Override
  String model() {
    return "deepseek-reasoner";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none().headers(customHeaders()).build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    return Map.of("DEEPSEEK_API_KEY", KEY, "DEEPSEEK_BASE_URL", baseUrl);
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path()).isEqualTo("/chat/completions");
    assertThat(request.header("authorization")).contains("Bearer " + KEY);
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
    // deepseek-reasoner always reasons and refuses reasoning_effort.
    assertThat(body.has("reasoning_effort")).isFalse();
  }
}

package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Azure OpenAI with deployment-based URLs and an explicit API version; the key goes in {@code
 * api-key}, never as a bearer token.
 */
class AzureOpenAiContractTest extends ProviderContract {
  @Override
  ProviderName provider() {
    return ProviderName.AZURE_OPENAI;
  }

  @Override
  String model() {
    return "gpt-5-mini";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none()
        .baseUrl(baseUrl + "/openai")
        .azure(Optional.of("2025-04-01-preview"), true)
        .headers(customHeaders())
        .build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    return Map.of("AZURE_API_KEY", KEY);
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path()).isEqualTo("/openai/deployments/gpt-5-mini/chat/completions");
    assertThat(request.queryParameter("api-version")).contains("2025-04-01-preview");
    assertThat(request.header("api-key")).contains(KEY);
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
    assertThat(body.path("reasoning_effort").asText()).isEqualTo("low");
  }

  @Test
  void v1UrlsByDefault() throws Exception {
    server.enqueue(Reply.text("ok"));
    ModelGateway gateway =
        new ModelGateway(providers, PriceTable.bundled(), recorder, fastRetries());
    ProviderSettings v1 = SettingsBuilder.none().baseUrl(server.baseUrl() + "/openai").build();
    gateway.bind(
        "job-1",
        new JobModel(
            new ProviderConfig(ProviderName.AZURE_OPENAI, v1),
            "gpt-4.1",
            ProviderEnvironment.of(Map.of("AZURE_API_KEY", KEY)),
            Duration.ofSeconds(10)));

    generate(gateway, Requests.ask("Hi"));

    RecordedRequest request = server.takeRequest();
    assertThat(request.path()).isEqualTo("/openai/v1/chat/completions");
    assertThat(request.queryParameter("api-version")).contains("v1");
    assertThat(request.json().path("model").asText()).isEqualTo("gpt-4.1");
    // gpt-4.1 is not a reasoning model, so no reasoning_effort is sent.
    assertThat(request.json().has("reasoning_effort")).isFalse();
  }
}

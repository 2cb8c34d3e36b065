package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Anthropic messages: x-api-key, extended thinking with signed blocks sent back verbatim. */
class AnthropicContractTest extends ProviderContract {
  @Override
  ProviderName provider() {
    return ProviderName.ANTHROPIC;
  }

  @Override
  String model() {
    return "claude-sonnet-4-5";
  }

  @Override
  ProviderSettings settings(String baseUrl) {
    return SettingsBuilder.none().baseUrl(baseUrl + "/v1").headers(customHeaders()).build();
  }

  @Override
  Map<String, String> environment(String baseUrl) {
    return Map.of("ANTHROPIC_API_KEY", KEY);
  }

  @Override
  void assertAuthorised(RecordedRequest request) {
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("x-api-key")).contains(KEY);
    assertThat(request.header("anthropic-version")).isPresent();
    assertThat(request.header("authorization")).isEmpty();
  }

  @Override
  JsonNode sentToolSchema(JsonNode body) {
    return body.path("tools").path(0).path("input_schema");
  }

  @Override
  String sentToolResult(JsonNode body, String callId, String toolName) {
    for (JsonNode message : body.path("messages")) {
      for (JsonNode block : message.path("content")) {
        if (block.path("type").asText().equals("tool_result")
            && block.path("tool_use_id").asText().equals(callId)) {
          return block.path("content").toString();
        }
      }
    }
    throw new AssertionError("no tool_result for " + callId + " in " + body);
  }

  @Override
  void assertReasoningRequested(JsonNode body) {
    assertThat(body.path("thinking").path("type").asText()).isEqualTo("enabled");
    assertThat(body.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
    // max_tokens holds the thinking budget plus the answer.
    assertThat(body.path("max_tokens").asInt()).isGreaterThan(2048);
  }

  @Override
  long reportedReasoningTokens(long scripted) {
    return 0;
  }

  @Test
  void signedThinkingGoesBackWithTheToolResult() throws Exception {
    ModelGateway gateway = gateway();
    server.enqueue(
        Reply.toolCall("toolu_1", "writeTextFile", "{\"path\":\"a.txt\",\"text\":\"a\"}")
            .withThinking("I should write the file.", "sig-123"));
    GenerationRequest first =
        Requests.withBudget(
            Requests.request(
                List.of(Requests.instruction("Use tools."), Requests.user("Write a")),
                List.of(Requests.writeTool())),
            new ReasoningBudget.Tokens(3000));

    GenerationResponse called = generate(gateway, first);

    ThinkingPart thinking =
        called.contents().stream()
            .filter(ThinkingPart.class::isInstance)
            .map(ThinkingPart.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(thinking.signature()).contains("sig-123");
    assertThat(server.takeRequest().json().path("thinking").path("budget_tokens").asInt())
        .isEqualTo(3000);

    server.enqueue(Reply.text("Written."));
    generate(
        gateway,
        Requests.withBudget(
            Requests.afterToolCall(first, called.contents(), "ok"), first.reasoningBudget()));

    JsonNode assistant = server.takeRequest().json().path("messages").path(1);
    assertThat(assistant.path("role").asText()).isEqualTo("assistant");
    JsonNode block = assistant.path("content").path(0);
    assertThat(block.path("type").asText()).isEqualTo("thinking");
    assertThat(block.path("thinking").asText()).isEqualTo("I should write the file.");
    assertThat(block.path("signature").asText()).isEqualTo("sig-123");
  }
}

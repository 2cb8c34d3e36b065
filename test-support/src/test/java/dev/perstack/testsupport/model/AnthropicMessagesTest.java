package dev.perstack.testsupport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicMessagesTest {
  private static final String ASK =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ASK_STREAMING =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":1024,\"stream\":true,"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final ScriptedModelServer server = ScriptedModelServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return server.baseUrl() + "/v1/messages";
  }

  private JsonNode ask(Reply reply) throws Exception {
    server.enqueue(reply);
    HttpResponse<String> response = Wire.post(url(), ASK, "x-api-key", "test-key");
    assertThat(response.statusCode()).isEqualTo(200);
    return Wire.json(response);
  }

  private Wire.Streamed stream(Reply reply) throws Exception {
    server.enqueue(reply);
    return Wire.stream(url(), ASK_STREAMING, "x-api-key", "test-key");
  }

  /** The deltas of block {@code index} joined by their {@code field}. */
  private static String joined(Wire.Streamed streamed, int index, String field) {
    return streamed.jsons().stream()
        .filter(json -> json.path("type").asText().equals("content_block_delta"))
        .filter(json -> json.path("index").asInt() == index)
        .map(json -> json.path("delta"))
        .filter(delta -> delta.has(field))
        .map(delta -> delta.get(field).asText())
        .collect(Collectors.joining());
  }

  private static List<JsonNode> ofType(Wire.Streamed streamed, String type) {
    return streamed.jsons().stream()
        .filter(json -> json.path("type").asText().equals(type))
        .toList();
  }

  @Nested
  class NonStreaming {
    @Test
    void answersTextAsATextBlockEndingTheTurn() throws Exception {
      JsonNode message = ask(Reply.text("Hello there"));

      assertThat(message.path("type").asText()).isEqualTo("message");
      assertThat(message.path("id").asText()).startsWith("msg_");
      assertThat(message.path("role").asText()).isEqualTo("assistant");
      assertThat(message.path("model").asText()).isEqualTo("claude-sonnet-4-5");
      assertThat(message.path("content")).hasSize(1);
      assertThat(message.path("content").get(0).path("type").asText()).isEqualTo("text");
      assertThat(message.path("content").get(0).path("text").asText()).isEqualTo("Hello there");
      assertThat(message.path("stop_reason").asText()).isEqualTo("end_turn");
      assertThat(message.path("stop_sequence").isNull()).isTrue();
    }

    @Test
    void answersToolCallsAsToolUseBlocksWithObjectInput() throws Exception {
      JsonNode message =
          ask(
              Reply.text("Let me look.")
                  .withToolCall("toolu_1", "readTextFile", "{\"path\":\"a.txt\"}"));

      assertThat(message.path("stop_reason").asText()).isEqualTo("tool_use");
      JsonNode toolUse = message.path("content").get(1);
      assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
      assertThat(toolUse.path("id").asText()).isEqualTo("toolu_1");
      assertThat(toolUse.path("name").asText()).isEqualTo("readTextFile");
      assertThat(toolUse.path("input").isObject()).isTrue();
      assertThat(toolUse.path("input").path("path").asText()).isEqualTo("a.txt");
    }

    @Test
    void answersThinkingAsASignedThinkingBlockFirst() throws Exception {
      JsonNode content =
          ask(Reply.text("42").withThinking("Six times seven.", "sig-1")).path("content");

      assertThat(content.get(0).path("type").asText()).isEqualTo("thinking");
      assertThat(content.get(0).path("thinking").asText()).isEqualTo("Six times seven.");
      assertThat(content.get(0).path("signature").asText()).isEqualTo("sig-1");
      assertThat(content.get(1).path("text").asText()).isEqualTo("42");
    }

    @Test
    void reportsInputTokensWithoutTheCachedOnes() throws Exception {
      JsonNode usage =
          ask(Reply.text("ok").withUsage(new Usage(1200, 300, 100, 1000, 150))).path("usage");

      assertThat(usage.path("input_tokens").asInt()).isEqualTo(50);
      assertThat(usage.path("cache_read_input_tokens").asInt()).isEqualTo(1000);
      assertThat(usage.path("cache_creation_input_tokens").asInt()).isEqualTo(150);
      assertThat(usage.path("output_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void reportsAMaxTokensStop() throws Exception {
      JsonNode message = ask(Reply.text("Once upon").withFinish(Finish.LENGTH));

      assertThat(message.path("stop_reason").asText()).isEqualTo("max_tokens");
    }

    @Test
    void cutsTheBodyShortOfItsAnnouncedLengthWhenAskedToCut() {
      server.enqueue(Reply.text("never whole").cutAfterChunks(1));

      assertThatThrownBy(() -> Wire.post(url(), ASK)).isInstanceOf(IOException.class);
    }
  }

  @Nested
  class Streaming {
    @Test
    void streamsTextBetweenMessageStartAndMessageStop() throws Exception {
      Wire.Streamed streamed = stream(Reply.text("Hello big world"));

      assertThat(streamed.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(streamed.failure()).isEmpty();
      assertThat(streamed.names())
          .containsExactly(
              "message_start",
              "ping",
              "content_block_start",
              "content_block_delta",
              "content_block_delta",
              "content_block_delta",
              "content_block_stop",
              "message_delta",
              "message_stop");
      assertThat(streamed.jsons()).allSatisfy(json -> assertThat(json.has("type")).isTrue());
      JsonNode start = ofType(streamed, "message_start").get(0).path("message");
      assertThat(start.path("content")).isEmpty();
      assertThat(start.path("stop_reason").isNull()).isTrue();
      JsonNode block = ofType(streamed, "content_block_start").get(0);
      assertThat(block.path("index").asInt()).isEqualTo(0);
      assertThat(block.path("content_block").path("type").asText()).isEqualTo("text");
      assertThat(ofType(streamed, "content_block_delta"))
          .allSatisfy(
              delta ->
                  assertThat(delta.path("delta").path("type").asText()).isEqualTo("text_delta"));
      assertThat(joined(streamed, 0, "text")).isEqualTo("Hello big world");
      JsonNode messageDelta = ofType(streamed, "message_delta").get(0);
      assertThat(messageDelta.path("delta").path("stop_reason").asText()).isEqualTo("end_turn");
    }

    @Test
    void streamsToolUseInputAsPartialJson() throws Exception {
      String arguments = "{\"path\":\"docs/very/long/name.txt\"}";
      Wire.Streamed streamed = stream(Reply.toolCall("toolu_1", "readTextFile", arguments));

      JsonNode block = ofType(streamed, "content_block_start").get(0).path("content_block");
      assertThat(block.path("type").asText()).isEqualTo("tool_use");
      assertThat(block.path("id").asText()).isEqualTo("toolu_1");
      assertThat(block.path("name").asText()).isEqualTo("readTextFile");
      assertThat(block.path("input")).isEmpty();
      assertThat(ofType(streamed, "content_block_delta"))
          .hasSizeGreaterThan(2)
          .allSatisfy(
              delta ->
                  assertThat(delta.path("delta").path("type").asText())
                      .isEqualTo("input_json_delta"));
      assertThat(joined(streamed, 0, "partial_json")).isEqualTo(arguments);
      assertThat(
              ofType(streamed, "message_delta").get(0).path("delta").path("stop_reason").asText())
          .isEqualTo("tool_use");
    }

    @Test
    void streamsThinkingDeltasThenTheSignatureInTheirOwnBlock() throws Exception {
      Wire.Streamed streamed = stream(Reply.text("42").withThinking("Six times seven.", "sig-1"));

      List<JsonNode> starts = ofType(streamed, "content_block_start");
      assertThat(starts.get(0).path("content_block").path("type").asText()).isEqualTo("thinking");
      assertThat(starts.get(1).path("content_block").path("type").asText()).isEqualTo("text");
      assertThat(starts.get(1).path("index").asInt()).isEqualTo(1);
      assertThat(joined(streamed, 0, "thinking")).isEqualTo("Six times seven.");
      List<JsonNode> thinkingDeltas =
          ofType(streamed, "content_block_delta").stream()
              .filter(delta -> delta.path("index").asInt() == 0)
              .map(delta -> delta.path("delta"))
              .toList();
      JsonNode lastOfBlock = thinkingDeltas.get(thinkingDeltas.size() - 1);
      assertThat(lastOfBlock.path("type").asText()).isEqualTo("signature_delta");
      assertThat(lastOfBlock.path("signature").asText()).isEqualTo("sig-1");
      assertThat(thinkingDeltas.subList(0, thinkingDeltas.size() - 1))
          .allSatisfy(delta -> assertThat(delta.path("type").asText()).isEqualTo("thinking_delta"));
      assertThat(joined(streamed, 1, "text")).isEqualTo("42");
    }

    @Test
    void reportsInputUsageAtTheStartAndTheOutputTotalInMessageDelta() throws Exception {
      Wire.Streamed streamed =
          stream(Reply.text("ok").withUsage(new Usage(1200, 300, 0, 1000, 150)));

      JsonNode start = ofType(streamed, "message_start").get(0).path("message").path("usage");
      assertThat(start.path("input_tokens").asInt()).isEqualTo(50);
      assertThat(start.path("cache_read_input_tokens").asInt()).isEqualTo(1000);
      assertThat(start.path("cache_creation_input_tokens").asInt()).isEqualTo(150);
      JsonNode delta = ofType(streamed, "message_delta").get(0).path("usage");
      assertThat(delta.path("output_tokens").asInt()).isEqualTo(300);
    }

    @Test
    void cutStreamStopsWithoutMessageStopAndBreaksTheConnection() throws Exception {
      Wire.Streamed streamed = stream(Reply.cutAfterChunks(4));

      assertThat(streamed.names())
          .containsExactly("message_start", "ping", "content_block_start", "content_block_delta");
      assertThat(streamed.failure()).isPresent();
    }
  }

  @Nested
  class Errors {
    @ParameterizedTest
    @CsvSource({
      "400, invalid_request_error",
      "401, authentication_error",
      "429, rate_limit_error",
      "500, api_error",
      "503, overloaded_error",
      "529, overloaded_error"
    })
    void answersEachErrorStatusWithAnthropicsErrorEnvelope(int status, String type)
        throws Exception {
      server.enqueue(Reply.error(status).withMessage("scripted trouble"));

      HttpResponse<String> response = Wire.post(url(), ASK_STREAMING);

      assertThat(response.statusCode()).isEqualTo(status);
      JsonNode body = Wire.json(response);
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.path("error").path("type").asText()).isEqualTo(type);
      assertThat(body.path("error").path("message").asText()).isEqualTo("scripted trouble");
    }

    @Test
    void rateLimitCarriesRetryAfterSeconds() throws Exception {
      server.enqueue(Reply.error(429).retryAfterSeconds(7));

      HttpResponse<String> response = Wire.post(url(), ASK);

      assertThat(response.headers().firstValue("retry-after")).contains("7");
    }
  }
}

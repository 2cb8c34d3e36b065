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

class OpenAiChatCompletionsTest {
  private static final String ASK =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ASK_STREAMING =
      "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String ASK_STREAMING_WITH_USAGE =
      "{\"model\":\"gpt-4o\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
          + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  private final ScriptedModelServer server = ScriptedModelServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private String url() {
    return server.baseUrl() + "/v1/chat/completions";
  }

  private JsonNode ask(Reply reply) throws Exception {
    server.enqueue(reply);
    HttpResponse<String> response = Wire.post(url(), ASK);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return Wire.json(response);
  }

  private Wire.Streamed stream(Reply reply, String body) throws Exception {
    server.enqueue(reply);
    return Wire.stream(url(), body);
  }

  private static List<JsonNode> deltas(Wire.Streamed streamed) {
    return streamed.jsons().stream()
        .filter(chunk -> chunk.path("choices").size() == 1)
        .map(chunk -> chunk.path("choices").get(0).path("delta"))
        .toList();
  }

  private static String joined(List<JsonNode> deltas, String field) {
    return deltas.stream()
        .filter(delta -> delta.hasNonNull(field))
        .map(delta -> delta.get(field).asText())
        .collect(Collectors.joining());
  }

  @Nested
  class NonStreaming {
    @Test
    void answersTextAsTheAssistantMessageOfAChatCompletion() throws Exception {
      JsonNode completion = ask(Reply.text("Hello there"));

      assertThat(completion.path("object").asText()).isEqualTo("chat.completion");
      assertThat(completion.path("id").asText()).startsWith("chatcmpl-");
      assertThat(completion.path("model").asText()).isEqualTo("gpt-4o");
      JsonNode choice = completion.path("choices").get(0);
      assertThat(choice.path("message").path("role").asText()).isEqualTo("assistant");
      assertThat(choice.path("message").path("content").asText()).isEqualTo("Hello there");
      assertThat(choice.path("message").has("tool_calls")).isFalse();
      assertThat(choice.path("finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void answersToolCallsAsFunctionsWithNullContent() throws Exception {
      JsonNode completion =
          ask(
              Reply.toolCall("call_1", "readTextFile", "{\"path\":\"a.txt\"}")
                  .withToolCall("call_2", "listDirectory", "{\"path\":\".\"}"));

      JsonNode choice = completion.path("choices").get(0);
      assertThat(choice.path("finish_reason").asText()).isEqualTo("tool_calls");
      assertThat(choice.path("message").path("content").isNull()).isTrue();
      JsonNode calls = choice.path("message").path("tool_calls");
      assertThat(calls).hasSize(2);
      assertThat(calls.get(0).path("id").asText()).isEqualTo("call_1");
      assertThat(calls.get(0).path("type").asText()).isEqualTo("function");
      assertThat(calls.get(0).path("function").path("name").asText()).isEqualTo("readTextFile");
      assertThat(calls.get(0).path("function").path("arguments").asText())
          .isEqualTo("{\"path\":\"a.txt\"}");
      assertThat(calls.get(1).path("function").path("name").asText()).isEqualTo("listDirectory");
    }

    @Test
    void reportsUsageWithCachedAndReasoningTokenDetails() throws Exception {
      JsonNode usage = ask(Reply.text("ok").withUsage(1200, 300, 120, 1024)).path("usage");

      assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(1200);
      assertThat(usage.path("completion_tokens").asInt()).isEqualTo(300);
      assertThat(usage.path("total_tokens").asInt()).isEqualTo(1500);
      assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(1024);
      assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt())
          .isEqualTo(120);
    }

    @Test
    void answersThinkingAsDeepSeekReasoningContent() throws Exception {
      JsonNode message =
          ask(Reply.text("42").withThinking("Six times seven."))
              .path("choices")
              .get(0)
              .path("message");

      assertThat(message.path("reasoning_content").asText()).isEqualTo("Six times seven.");
      assertThat(message.path("content").asText()).isEqualTo("42");
    }

    @Test
    void leavesOutReasoningContentWhenThereIsNoThinking() throws Exception {
      JsonNode message = ask(Reply.text("42")).path("choices").get(0).path("message");

      assertThat(message.has("reasoning_content")).isFalse();
    }

    @Test
    void reportsALengthFinish() throws Exception {
      JsonNode choice =
          ask(Reply.text("Once upon").withFinish(Finish.LENGTH)).path("choices").get(0);

      assertThat(choice.path("finish_reason").asText()).isEqualTo("length");
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
    void streamsTextAsContentDeltasEndingWithDone() throws Exception {
      Wire.Streamed streamed = stream(Reply.text("Hello big world"), ASK_STREAMING);

      assertThat(streamed.status()).isEqualTo(200);
      assertThat(streamed.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(streamed.failure()).isEmpty();
      assertThat(streamed.events().get(streamed.events().size() - 1).data()).isEqualTo("[DONE]");
      assertThat(streamed.jsons())
          .allSatisfy(
              chunk ->
                  assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk"));
      List<JsonNode> deltas = deltas(streamed);
      assertThat(deltas.get(0).path("role").asText()).isEqualTo("assistant");
      assertThat(
              deltas.stream()
                  .filter(
                      delta -> delta.has("content") && !delta.get("content").asText().isEmpty()))
          .hasSize(3);
      assertThat(joined(deltas, "content")).isEqualTo("Hello big world");
      JsonNode last = streamed.jsons().get(streamed.jsons().size() - 1);
      assertThat(last.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
      assertThat(last.has("usage")).isFalse();
    }

    @Test
    void streamsToolCallsAsIndexedArgumentFragments() throws Exception {
      String arguments = "{\"path\":\"docs/very/long/name.txt\"}";
      Wire.Streamed streamed =
          stream(
              Reply.toolCall("call_1", "readTextFile", arguments)
                  .withToolCall("call_2", "listDirectory", "{}"),
              ASK_STREAMING);

      List<JsonNode> toolDeltas =
          deltas(streamed).stream()
              .filter(delta -> delta.has("tool_calls"))
              .map(delta -> delta.get("tool_calls").get(0))
              .toList();
      List<JsonNode> first =
          toolDeltas.stream().filter(call -> call.path("index").asInt() == 0).toList();
      assertThat(first.get(0).path("id").asText()).isEqualTo("call_1");
      assertThat(first.get(0).path("type").asText()).isEqualTo("function");
      assertThat(first.get(0).path("function").path("name").asText()).isEqualTo("readTextFile");
      assertThat(first.stream().skip(1)).allSatisfy(call -> assertThat(call.has("id")).isFalse());
      assertThat(first.size()).isGreaterThan(2);
      String reassembled =
          first.stream()
              .map(call -> call.path("function").path("arguments").asText())
              .collect(Collectors.joining());
      assertThat(reassembled).isEqualTo(arguments);
      assertThat(toolDeltas.stream().filter(call -> call.path("index").asInt() == 1).findFirst())
          .hasValueSatisfying(call -> assertThat(call.path("id").asText()).isEqualTo("call_2"));
      JsonNode last = streamed.jsons().get(streamed.jsons().size() - 1);
      assertThat(last.path("choices").get(0).path("finish_reason").asText())
          .isEqualTo("tool_calls");
    }

    @Test
    void sendsAFinalUsageChunkWithEmptyChoicesWhenAskedToIncludeUsage() throws Exception {
      Wire.Streamed streamed =
          stream(Reply.text("ok").withUsage(100, 20, 5, 64), ASK_STREAMING_WITH_USAGE);

      List<JsonNode> chunks = streamed.jsons();
      JsonNode last = chunks.get(chunks.size() - 1);
      assertThat(last.path("choices")).isEmpty();
      assertThat(last.path("usage").path("prompt_tokens").asInt()).isEqualTo(100);
      assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(20);
      assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(120);
      assertThat(last.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt())
          .isEqualTo(64);
      assertThat(
              last.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt())
          .isEqualTo(5);
      assertThat(chunks.subList(0, chunks.size() - 1))
          .allSatisfy(chunk -> assertThat(chunk.path("usage").isNull()).isTrue());
      assertThat(streamed.events().get(streamed.events().size() - 1).data()).isEqualTo("[DONE]");
    }

    @Test
    void streamsReasoningContentBeforeTheContent() throws Exception {
      Wire.Streamed streamed =
          stream(Reply.text("42").withThinking("Six times seven."), ASK_STREAMING);

      List<JsonNode> deltas = deltas(streamed);
      assertThat(joined(deltas, "reasoning_content")).isEqualTo("Six times seven.");
      int lastReasoning = 0;
      int firstContent = Integer.MAX_VALUE;
      for (int i = 0; i < deltas.size(); i++) {
        if (deltas.get(i).has("reasoning_content")) {
          lastReasoning = i;
        }
        if (deltas.get(i).path("content").asText().equals("42")) {
          firstContent = Math.min(firstContent, i);
        }
      }
      assertThat(lastReasoning).isLessThan(firstContent);
    }

    @Test
    void cutStreamStopsWithoutDoneAndBreaksTheConnection() throws Exception {
      Wire.Streamed streamed =
          stream(Reply.text("one two three four five").cutAfterChunks(3), ASK_STREAMING);

      assertThat(streamed.events()).hasSize(3);
      assertThat(streamed.events()).noneMatch(event -> event.data().equals("[DONE]"));
      assertThat(joined(deltas(streamed), "content")).isEqualTo("one two");
      assertThat(streamed.failure()).isPresent();
    }

    @Test
    void cutNeverReachesDoneEvenWhenAskedForMoreChunksThanTheStreamHas() throws Exception {
      Wire.Streamed streamed = stream(Reply.text("short").cutAfterChunks(100), ASK_STREAMING);

      assertThat(streamed.events()).noneMatch(event -> event.data().equals("[DONE]"));
      assertThat(joined(deltas(streamed), "content")).isEqualTo("short");
      assertThat(streamed.failure()).isPresent();
    }
  }

  @Nested
  class Routes {
    @Test
    void servesAzureDeploymentsAndNamesTheModelAfterTheDeployment() throws Exception {
      server.enqueue(Reply.text("from azure"));

      HttpResponse<String> response =
          Wire.post(
              server.baseUrl()
                  + "/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21",
              "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
              "api-key",
              "azure-key");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(Wire.json(response).path("model").asText()).isEqualTo("my-gpt");
      RecordedRequest request = server.takeRequest();
      assertThat(request.wireFormat()).contains(WireFormat.OPENAI);
      assertThat(request.queryParameter("api-version")).contains("2024-10-21");
      assertThat(request.header("api-key")).contains("azure-key");
    }

    @Test
    void servesDeepSeekStyleChatCompletionsWithoutAVersionPrefix() throws Exception {
      server.enqueue(Reply.text("from deepseek"));

      HttpResponse<String> response = Wire.post(server.baseUrl() + "/chat/completions", ASK);

      assertThat(
              Wire.json(response).path("choices").get(0).path("message").path("content").asText())
          .isEqualTo("from deepseek");
    }
  }

  @Nested
  class Errors {
    @ParameterizedTest
    @CsvSource({
      "400, invalid_request_error",
      "401, invalid_request_error",
      "429, requests",
      "500, server_error",
      "503, server_error"
    })
    void answersEachErrorStatusWithOpenAisErrorObject(int status, String type) throws Exception {
      server.enqueue(Reply.error(status).withMessage("scripted trouble"));

      HttpResponse<String> response = Wire.post(url(), ASK_STREAMING);

      assertThat(response.statusCode()).isEqualTo(status);
      JsonNode error = Wire.json(response).path("error");
      assertThat(error.path("message").asText()).isEqualTo("scripted trouble");
      assertThat(error.path("type").asText()).isEqualTo(type);
      assertThat(error.has("code")).isTrue();
      assertThat(error.has("param")).isTrue();
    }

    @Test
    void rateLimitCarriesRetryAfterSeconds() throws Exception {
      server.enqueue(Reply.error(429).retryAfterSeconds(2));

      HttpResponse<String> response = Wire.post(url(), ASK);

      assertThat(response.statusCode()).isEqualTo(429);
      assertThat(response.headers().firstValue("retry-after")).contains("2");
      assertThat(Wire.json(response).path("error").path("code").asText())
          .isEqualTo("rate_limit_exceeded");
    }

    @Test
    void errorsCarryNoRetryAfterUnlessScripted() throws Exception {
      server.enqueue(Reply.error(503));

      HttpResponse<String> response = Wire.post(url(), ASK);

      assertThat(response.headers().firstValue("retry-after")).isEmpty();
    }
  }
}

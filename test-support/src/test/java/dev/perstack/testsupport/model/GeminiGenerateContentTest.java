package dev.perstack.testsupport.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiGenerateContentTest {
  private static final String ASK =
      "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";

  private final ScriptedModelServer server = ScriptedModelServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private String generateUrl() {
    return server.baseUrl() + "/v1beta/models/gemini-2.5-flash:generateContent";
  }

  private String streamUrl() {
    return server.baseUrl() + "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse";
  }

  private JsonNode ask(Reply reply) throws Exception {
    server.enqueue(reply);
    HttpResponse<String> response = Wire.post(generateUrl(), ASK, "x-goog-api-key", "test-key");
    assertThat(response.statusCode()).isEqualTo(200);
    return Wire.json(response);
  }

  private Wire.Streamed stream(Reply reply) throws Exception {
    server.enqueue(reply);
    return Wire.stream(streamUrl(), ASK, "x-goog-api-key", "test-key");
  }

  private static JsonNode candidate(JsonNode response) {
    return response.path("candidates").get(0);
  }

  private static List<JsonNode> parts(List<JsonNode> responses) {
    return responses.stream()
        .flatMap(
            response ->
                StreamSupport.stream(
                    candidate(response).path("content").path("parts").spliterator(), false))
        .toList();
  }

  private static String joinedText(List<JsonNode> parts, boolean thought) {
    return parts.stream()
        .filter(part -> part.has("text") && part.path("thought").asBoolean(false) == thought)
        .map(part -> part.get("text").asText())
        .collect(Collectors.joining());
  }

  @Nested
  class NonStreaming {
    @Test
    void answersTextAsAModelCandidate() throws Exception {
      JsonNode response = ask(Reply.text("Hello there"));

      JsonNode candidate = candidate(response);
      assertThat(candidate.path("content").path("role").asText()).isEqualTo("model");
      assertThat(candidate.path("content").path("parts").get(0).path("text").asText())
          .isEqualTo("Hello there");
      assertThat(candidate.path("finishReason").asText()).isEqualTo("STOP");
      assertThat(response.path("modelVersion").asText()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void answersToolCallsAsFunctionCallPartsWithObjectArgs() throws Exception {
      JsonNode parts =
          candidate(ask(Reply.toolCall("id1", "readTextFile", "{\"path\":\"a.txt\"}")))
              .path("content")
              .path("parts");

      JsonNode call = parts.get(0).path("functionCall");
      assertThat(call.path("name").asText()).isEqualTo("readTextFile");
      assertThat(call.path("args").path("path").asText()).isEqualTo("a.txt");
    }

    @Test
    void answersThinkingAsThoughtPartsAndSignsTheFunctionCall() throws Exception {
      JsonNode parts =
          candidate(
                  ask(
                      Reply.toolCall("id1", "readTextFile", "{}")
                          .withThinking("Read it first.", "c2ln")))
              .path("content")
              .path("parts");

      assertThat(parts.get(0).path("text").asText()).isEqualTo("Read it first.");
      assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
      assertThat(parts.get(1).path("thoughtSignature").asText()).isEqualTo("c2ln");
      assertThat(parts.get(1).has("thought")).isFalse();
    }

    @Test
    void reportsUsageMetadataWithThoughtsApartFromCandidates() throws Exception {
      JsonNode usage = ask(Reply.text("ok").withUsage(1200, 300, 120, 1024)).path("usageMetadata");

      assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(1200);
      assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(180);
      assertThat(usage.path("thoughtsTokenCount").asInt()).isEqualTo(120);
      assertThat(usage.path("cachedContentTokenCount").asInt()).isEqualTo(1024);
      assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(1500);
    }

    @Test
    void leavesOutCountsThatDoNotApply() throws Exception {
      JsonNode usage = ask(Reply.text("ok").withUsage(10, 5, 0, 0)).path("usageMetadata");

      assertThat(usage.has("thoughtsTokenCount")).isFalse();
      assertThat(usage.has("cachedContentTokenCount")).isFalse();
    }

    @Test
    void reportsAMaxTokensFinish() throws Exception {
      JsonNode response = ask(Reply.text("Once upon").withFinish(Finish.LENGTH));

      assertThat(candidate(response).path("finishReason").asText()).isEqualTo("MAX_TOKENS");
    }
  }

  @Nested
  class Streaming {
    @Test
    void streamsTextAsSseResponsesEndingWithFinishReasonAndUsage() throws Exception {
      Wire.Streamed streamed = stream(Reply.text("Hello big world").withUsage(20, 3, 0, 0));

      assertThat(streamed.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
      assertThat(streamed.failure()).isEmpty();
      List<JsonNode> responses = streamed.jsons();
      assertThat(responses).hasSize(3);
      assertThat(joinedText(parts(responses), false)).isEqualTo("Hello big world");
      assertThat(responses.subList(0, 2))
          .allSatisfy(
              response -> {
                assertThat(candidate(response).has("finishReason")).isFalse();
                assertThat(response.has("usageMetadata")).isFalse();
              });
      JsonNode last = responses.get(2);
      assertThat(candidate(last).path("finishReason").asText()).isEqualTo("STOP");
      assertThat(last.path("usageMetadata").path("promptTokenCount").asInt()).isEqualTo(20);
      assertThat(last.path("usageMetadata").path("candidatesTokenCount").asInt()).isEqualTo(3);
    }

    @Test
    void streamsThoughtsBeforeTextAndFunctionCallsWhole() throws Exception {
      Wire.Streamed streamed =
          stream(
              Reply.text("Reading.")
                  .withToolCall("id1", "readTextFile", "{\"path\":\"docs/very/long/name.txt\"}")
                  .withThinking("Read it first."));

      List<JsonNode> parts = parts(streamed.jsons());
      assertThat(joinedText(parts, true)).isEqualTo("Read it first.");
      assertThat(parts.get(0).path("thought").asBoolean()).isTrue();
      List<JsonNode> calls = parts.stream().filter(part -> part.has("functionCall")).toList();
      assertThat(calls).hasSize(1);
      assertThat(calls.get(0).path("functionCall").path("args").path("path").asText())
          .isEqualTo("docs/very/long/name.txt");
      assertThat(calls.get(0).path("thoughtSignature").asText())
          .isEqualTo(Part.Thinking.DEFAULT_SIGNATURE);
    }

    @Test
    void streamsAJsonArrayWithoutAltSse() throws Exception {
      server.enqueue(Reply.text("Hello big world"));

      HttpResponse<String> response =
          Wire.post(
              server.baseUrl() + "/v1beta/models/gemini-2.5-flash:streamGenerateContent", ASK);

      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode array = Wire.json(response);
      assertThat(array.isArray()).isTrue();
      assertThat(array).hasSize(3);
      List<JsonNode> responses = StreamSupport.stream(array.spliterator(), false).toList();
      assertThat(joinedText(parts(responses), false)).isEqualTo("Hello big world");
    }

    @Test
    void cutStreamNeverSendsTheFinishingResponse() throws Exception {
      Wire.Streamed streamed = stream(Reply.text("one two three four five").cutAfterChunks(3));

      assertThat(streamed.jsons()).hasSize(3);
      assertThat(streamed.jsons())
          .allSatisfy(response -> assertThat(candidate(response).has("finishReason")).isFalse());
      assertThat(joinedText(parts(streamed.jsons()), false)).isEqualTo("one two three");
      assertThat(streamed.failure()).isPresent();
    }
  }

  @Nested
  class Errors {
    @ParameterizedTest
    @CsvSource({
      "400, INVALID_ARGUMENT",
      "401, UNAUTHENTICATED",
      "429, RESOURCE_EXHAUSTED",
      "500, INTERNAL",
      "503, UNAVAILABLE"
    })
    void answersEachErrorStatusWithGooglesErrorObject(int status, String name) throws Exception {
      server.enqueue(Reply.error(status).withMessage("scripted trouble"));

      HttpResponse<String> response = Wire.post(streamUrl(), ASK);

      assertThat(response.statusCode()).isEqualTo(status);
      JsonNode error = Wire.json(response).path("error");
      assertThat(error.path("code").asInt()).isEqualTo(status);
      assertThat(error.path("status").asText()).isEqualTo(name);
      assertThat(error.path("message").asText()).isEqualTo("scripted trouble");
    }

    @Test
    void rateLimitCarriesRetryAfterAndRetryInfo() throws Exception {
      server.enqueue(Reply.error(429).retryAfterSeconds(3));

      HttpResponse<String> response = Wire.post(generateUrl(), ASK);

      assertThat(response.headers().firstValue("retry-after")).contains("3");
      JsonNode detail = Wire.json(response).path("error").path("details").get(0);
      assertThat(detail.path("@type").asText())
          .isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
      assertThat(detail.path("retryDelay").asText()).isEqualTo("3s");
    }
  }

  @Nested
  class Routes {
    @Test
    void servesVertexPublisherPathsAndTheV1Api() throws Exception {
      server.enqueue(Reply.text("vertex"), Reply.text("v1"));

      HttpResponse<String> vertex =
          Wire.post(
              server.baseUrl()
                  + "/v1/projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro:generateContent",
              ASK);
      HttpResponse<String> v1 =
          Wire.post(server.baseUrl() + "/v1/models/gemini-2.0-flash:generateContent", ASK);

      assertThat(Wire.json(vertex).path("modelVersion").asText()).isEqualTo("gemini-2.5-pro");
      assertThat(Wire.json(v1).path("modelVersion").asText()).isEqualTo("gemini-2.0-flash");
    }
  }
}

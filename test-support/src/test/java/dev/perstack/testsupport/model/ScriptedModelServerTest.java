package dev.perstack.testsupport.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScriptedModelServerTest {
  private static final String ANTHROPIC_ASK =
      "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"tools\":[{\"name\":\"readTextFile\","
          + "\"input_schema\":{\"type\":\"object\"}}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String OPENAI_ASK =
      "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String OPENAI_STREAMING_ASK =
      "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  private static final String GEMINI_ASK = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";

  private final ScriptedModelServer server = ScriptedModelServer.start();

  @AfterEach
  void stop() {
    server.close();
  }

  private String anthropic() {
    return server.baseUrl() + "/v1/messages";
  }

  private String openAi() {
    return server.baseUrl() + "/v1/chat/completions";
  }

  private String gemini() {
    return server.baseUrl() + "/v1beta/models/gemini-2.5-flash:generateContent";
  }

  private static String openAiContent(HttpResponse<String> response) {
    return Wire.json(response).path("choices").get(0).path("message").path("content").asText();
  }

  @Test
  void listensOnLoopbackAtTheBaseUrl() {
    assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port());
    assertThat(server.port()).isPositive();
  }

  @Nested
  class Recording {
    @Test
    void recordsMethodPathQueryHeadersAndBody() throws Exception {
      server.enqueue(Reply.text("ok"));

      Wire.post(
          anthropic() + "?beta=true&note=a%20b",
          ANTHROPIC_ASK,
          "x-api-key",
          "sk-ant-test",
          "anthropic-version",
          "2023-06-01");

      RecordedRequest request = server.takeRequest();
      assertThat(request.number()).isEqualTo(1);
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.path()).isEqualTo("/v1/messages");
      assertThat(request.query()).isEqualTo("beta=true&note=a%20b");
      assertThat(request.queryParameter("note")).contains("a b");
      assertThat(request.queryParameter("absent")).isEmpty();
      assertThat(request.header("X-Api-Key")).contains("sk-ant-test");
      assertThat(request.header("anthropic-version")).contains("2023-06-01");
      assertThat(request.headers()).containsKey("content-type");
      assertThat(request.body()).isEqualTo(ANTHROPIC_ASK);
      assertThat(request.wireFormat()).contains(WireFormat.ANTHROPIC);
    }

    @Test
    void parsesTheJsonBodySoTestsCanAssertWhatWasSent() throws Exception {
      server.enqueue(Reply.text("ok"));

      Wire.post(anthropic(), ANTHROPIC_ASK);

      JsonNode json = server.takeRequest().json();
      assertThat(json.path("tools").get(0).path("name").asText()).isEqualTo("readTextFile");
      assertThat(json.path("messages").get(0).path("content").asText()).isEqualTo("hi");
    }

    @Test
    void recordsABodyThatIsNotJsonAsAMissingNode() throws Exception {
      server.enqueue(Reply.text("ok"));

      Wire.post(openAi(), "not json");

      RecordedRequest request = server.takeRequest();
      assertThat(request.body()).isEqualTo("not json");
      assertThat(request.json().isMissingNode()).isTrue();
    }

    @Test
    void takesRequestsOldestFirstWhileRequestsKeepThemAll() throws Exception {
      server.enqueue(Reply.text("one"), Reply.text("two"));
      Wire.post(openAi(), OPENAI_ASK);
      Wire.post(gemini(), GEMINI_ASK);

      assertThat(server.takeRequest().wireFormat()).contains(WireFormat.OPENAI);
      assertThat(server.takeRequest().wireFormat()).contains(WireFormat.GEMINI);
      assertThat(server.requests()).extracting(RecordedRequest::number).containsExactly(1, 2);
      assertThat(server.requestCount()).isEqualTo(2);
    }

    @Test
    void takingWhenNoRequestArrivesFailsAfterTheTimeout() {
      assertThatThrownBy(() -> server.takeRequest(Duration.ofMillis(50)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("no request arrived");
    }
  }

  @Nested
  class Script {
    @Test
    void answersRepliesInTheOrderTheyWereQueued() throws Exception {
      server.enqueue(Reply.text("first"), Reply.text("second"));

      assertThat(openAiContent(Wire.post(openAi(), OPENAI_ASK))).isEqualTo("first");
      assertThat(openAiContent(Wire.post(openAi(), OPENAI_ASK))).isEqualTo("second");
      assertThat(server.remainingReplies()).isZero();
    }

    @Test
    void anEmptyScriptAnswersALoud500InTheProvidersShape() throws Exception {
      server.enqueue(Reply.text("only one"));
      Wire.post(anthropic(), ANTHROPIC_ASK);

      HttpResponse<String> response = Wire.post(anthropic(), ANTHROPIC_ASK);

      assertThat(response.statusCode()).isEqualTo(500);
      JsonNode body = Wire.json(response);
      assertThat(body.path("type").asText()).isEqualTo("error");
      assertThat(body.path("error").path("message").asText())
          .isEqualTo("no scripted reply left for POST /v1/messages (request #2)");
      assertThat(server.requests()).hasSize(2);
    }

    @Test
    void anEmptyScriptAnswersAStreamingRequestWithTheSameError() throws Exception {
      HttpResponse<String> response = Wire.post(openAi(), OPENAI_STREAMING_ASK);

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(Wire.json(response).path("error").path("message").asText())
          .isEqualTo("no scripted reply left for POST /v1/chat/completions (request #1)");
    }

    @Test
    void repliesQueuedForAFormatGoBeforeSharedOnesAndOnlyToThatFormat() throws Exception {
      server.enqueue(Reply.text("shared"));
      server.enqueue(WireFormat.GEMINI, Reply.text("for gemini"));

      HttpResponse<String> openAiResponse = Wire.post(openAi(), OPENAI_ASK);
      HttpResponse<String> geminiResponse = Wire.post(gemini(), GEMINI_ASK);

      assertThat(openAiContent(openAiResponse)).isEqualTo("shared");
      assertThat(
              Wire.json(geminiResponse)
                  .path("candidates")
                  .get(0)
                  .path("content")
                  .path("parts")
                  .get(0)
                  .path("text")
                  .asText())
          .isEqualTo("for gemini");
    }

    @Test
    void anUnknownRouteIsRecordedAndAnswered404WithoutUsingAReply() throws Exception {
      server.enqueue(Reply.text("kept"));

      HttpResponse<String> response = Wire.post(server.baseUrl() + "/v1/embeddings", "{}");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(Wire.json(response).path("error").path("message").asText())
          .contains("no scripted model route for POST /v1/embeddings");
      RecordedRequest request = server.takeRequest();
      assertThat(request.wireFormat()).isEmpty();
      assertThat(server.remainingReplies()).isEqualTo(1);
    }
  }

  @Nested
  class Timing {
    @Test
    void aDelayedReplyAnswersOnlyAfterTheDelay() throws Exception {
      server.enqueue(Reply.text("late").delayed(Duration.ofMillis(300)));

      long started = System.nanoTime();
      HttpResponse<String> response = Wire.post(openAi(), OPENAI_ASK);

      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
      assertThat(openAiContent(response)).isEqualTo("late");
    }

    @Test
    void measuresHowLongItTookOverEachRequestItsScriptedDelayIncluded() throws Exception {
      server.enqueue(Reply.text("quick"), Reply.text("late").delayed(Duration.ofMillis(300)));

      Wire.post(openAi(), OPENAI_ASK);
      Wire.post(openAi(), OPENAI_ASK);

      // Noted once the answer is sent, which the client may see first.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (server.handlingTimes().size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(server.handlingTimes()).hasSize(2);
      assertThat(server.handlingTimes().get(0)).isLessThan(Duration.ofMillis(300));
      assertThat(server.handlingTimes().get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aClientWithAShorterTimeoutGivesUpOnADelayedReply() {
      server.enqueue(Reply.error(500).delayed(Duration.ofSeconds(5)));

      assertThatThrownBy(
              () ->
                  Wire.send(
                      Wire.request(openAi(), OPENAI_ASK).timeout(Duration.ofMillis(200)).build()))
          .isInstanceOf(HttpTimeoutException.class);
      // The server is still usable by the next request.
      assertThat(server.takeRequest().number()).isEqualTo(1);
    }

    @Test
    void streamsEachChunkAsItIsWrittenRatherThanAllAtTheEnd() throws Exception {
      server.enqueue(Reply.text("a b c d").pacedBy(Duration.ofMillis(150)));

      Wire.Streamed streamed = Wire.stream(openAi(), OPENAI_STREAMING_ASK);

      List<Wire.Event> events = streamed.events();
      long spread = events.get(events.size() - 1).arrivedAtNanos() - events.get(0).arrivedAtNanos();
      // Seven events paced 150 ms apart: buffered until the end they would arrive together.
      assertThat(events).hasSize(7);
      assertThat(Duration.ofNanos(spread)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }
  }

  @Nested
  class Concurrency {
    @Test
    void concurrentRequestsAreAnsweredInParallelEachWithItsOwnReply() throws Exception {
      int count = 16;
      for (int i = 0; i < count; i++) {
        server.enqueue(Reply.text("reply " + i).delayed(Duration.ofMillis(200)));
      }
      ExecutorService clients = Executors.newFixedThreadPool(count);
      try {
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          calls.add(() -> openAiContent(Wire.post(openAi(), OPENAI_ASK)));
        }
        long started = System.nanoTime();
        Set<String> answers = new HashSet<>();
        for (Future<String> answer : clients.invokeAll(calls)) {
          answers.add(answer.get());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answers).hasSize(count);
        // One at a time, sixteen 200 ms delays would take 3.2 s.
        assertThat(elapsed).isLessThan(Duration.ofMillis(1600));
        assertThat(server.requests())
            .extracting(RecordedRequest::number)
            .containsExactlyElementsOf(IntStream.rangeClosed(1, count).boxed().toList());
        assertThat(server.remainingReplies()).isZero();
      } finally {
        clients.shutdownNow();
      }
    }
  }

  @Nested
  class Closing {
    @Test
    void refusesConnectionsOnceClosed() {
      String url = openAi();
      server.close();

      assertThatThrownBy(() -> Wire.post(url, OPENAI_ASK)).isInstanceOf(IOException.class);
    }
  }
}

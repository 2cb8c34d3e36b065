package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.testsupport.model.Finish;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Reply;
import dev.perstack.testsupport.model.ScriptedModelServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider adapter keeps, run against the scripted model server over real HTTP:
 * text, streaming, tool calls both ways, reasoning, usage, errors and retries, credentials and
 * settings. A subclass says how its provider is configured and where its wire format puts things.
 */
abstract class ProviderContract {
  static final String KEY = "test-key-5f0c";

  ScriptedModelServer server;
  ModelProviders providers;
  InMemoryExchangeRecorder recorder;
  final List<GenerationDelta> deltas = new CopyOnWriteArrayList<>();

  abstract ProviderName provider();

  /** A model the adapter treats as a reasoning model where that matters. */
  abstract String model();

  abstract ProviderSettings settings(String baseUrl);

  abstract Map<String, String> environment(String baseUrl);

  /** Checks that the credentials reached the server as the provider expects. */
  abstract void assertAuthorised(RecordedRequest request);

  /** The JSON Schema of the first tool in a recorded request. */
  abstract JsonNode sentToolSchema(JsonNode body);

  /** The tool result sent back for {@code callId} (or tool name), as text. */
  abstract String sentToolResult(JsonNode body, String callId, String toolName);

  /** Checks how the request asked for reasoning with budget "low" (2048 tokens). */
  abstract void assertReasoningRequested(JsonNode body);

  /** Reasoning tokens the provider reports (Anthropic reports none apart). */
  long reportedReasoningTokens(long scripted) {
    return scripted;
  }

  /** Whether the wire format carries tool call ids (Gemini's does not). */
  boolean carriesToolCallIds() {
    return true;
  }

  /** A setting header sent with every request. */
  Map<String, String> customHeaders() {
    return Map.of("X-Perstack-Test", "contract");
  }

  @BeforeEach
  void start() throws Exception {
    server = ScriptedModelServer.start();
    providers = ModelProviders.standard();
    recorder = new InMemoryExchangeRecorder();
  }

  @AfterEach
  void stop() {
    providers.close();
    server.close();
  }

  ModelGateway gateway(GatewayOptions options, Duration timeout) {
    ModelGateway gateway = new ModelGateway(providers, PriceTable.bundled(), recorder, options);
    ProviderConfig config = new ProviderConfig(provider(), settings(server.baseUrl()));
    gateway.bind(
        "job-1",
        new JobModel(
            config, model(), ProviderEnvironment.of(environment(server.baseUrl())), timeout));
    return gateway;
  }

  ModelGateway gateway() {
    return gateway(fastRetries(), Duration.ofSeconds(20));
  }

  static GatewayOptions fastRetries() {
    return new GatewayOptions(
        3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
  }

  GenerationResponse generate(ModelGateway gateway, GenerationRequest request) throws Exception {
    return gateway.generate("job-1", request, deltas::add);
  }

  String streamed(GenerationDelta.Kind kind) {
    return deltas.stream()
        .filter(delta -> delta.kind() == kind)
        .map(GenerationDelta::text)
        .collect(Collectors.joining());
  }

  static String text(GenerationResponse response) {
    return response.contents().stream()
        .filter(TextPart.class::isInstance)
        .map(part -> ((TextPart) part).text())
        .collect(Collectors.joining());
  }

  @Test
  void answersText() throws Exception {
    server.enqueue(Reply.text("Hello there, newcomer."));

    GenerationResponse response = generate(gateway(), Requests.ask("Say hello"));

    assertThat(text(response)).isEqualTo("Hello there, newcomer.");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    RecordedRequest request = server.takeRequest();
    assertThat(request.body()).contains("Say hello").contains("You are terse.");
  }

  @Test
  void streamsTextDeltasAsTheyArrive() throws Exception {
    server.enqueue(Reply.text("one two three four five six").pacedBy(Duration.ofMillis(60)));
    long start = System.nanoTime();
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    ModelGateway gateway = gateway();

    GenerationResponse response =
        gateway.generate(
            "job-1",
            Requests.ask("Count"),
            delta -> {
              arrivals.add(System.nanoTime());
              deltas.add(delta);
            });
    long end = System.nanoTime();

    assertThat(deltas.size()).isGreaterThan(3);
    assertThat(streamed(GenerationDelta.Kind.TEXT)).isEqualTo("one two three four five six");
    assertThat(text(response)).isEqualTo("one two three four five six");
    // The first delta came well before the whole answer did.
    assertThat(Duration.ofNanos(end - arrivals.get(0))).isGreaterThan(Duration.ofMillis(150));
    assertThat(Duration.ofNanos(arrivals.get(0) - start)).isLessThan(Duration.ofNanos(end - start));
  }

  @Test
  void toolCallRoundTrip() throws Exception {
    ModelGateway gateway = gateway();
    server.enqueue(
        Reply.toolCall("call_1", "writeTextFile", "{\"path\":\"greeting.txt\",\"text\":\"hi\"}"));
    GenerationRequest first =
        Requests.request(
            List.of(Requests.instruction("Use tools."), Requests.user("Write a greeting")),
            List.of(Requests.writeTool()));

    GenerationResponse called = generate(gateway, first);

    assertThat(called.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ToolCallPart call =
        called.contents().stream()
            .filter(ToolCallPart.class::isInstance)
            .map(ToolCallPart.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(call.toolName()).isEqualTo("writeTextFile");
    assertThat(call.args()).isEqualTo(Requests.json("{\"path\":\"greeting.txt\",\"text\":\"hi\"}"));
    if (carriesToolCallIds()) {
      assertThat(call.toolCallId()).isEqualTo("call_1");
    }
    JsonNode schema = sentToolSchema(server.takeRequest().json());
    assertThat(schema.path("properties").path("path").path("description").asText())
        .isEqualTo("Where to write");
    assertThat(schema.path("properties").path("mode").path("enum").toString())
        .contains("create", "overwrite");
    assertThat(schema.path("properties").path("options").path("required").toString())
        .contains("retries");
    assertThat(schema.path("required").toString()).contains("path", "text");

    server.enqueue(Reply.text("Done."));
    GenerationResponse done =
        generate(gateway, Requests.afterToolCall(first, called.contents(), "wrote 2 bytes"));

    assertThat(text(done)).isEqualTo("Done.");
    JsonNode second = server.takeRequest().json();
    assertThat(sentToolResult(second, call.toolCallId(), "writeTextFile"))
        .contains("wrote 2 bytes");
  }

  @Test
  void reasoningIsRequestedStreamedAndReturned() throws Exception {
    server.enqueue(Reply.text("Forty-two.").withThinking("Let me think about it."));
    GenerationRequest request =
        Requests.withBudget(
            Requests.ask("What is the answer?"),
            new ReasoningBudget.Level(ReasoningBudget.LevelName.LOW));

    GenerationResponse response = generate(gateway(), request);

    assertThat(text(response)).isEqualTo("Forty-two.");
    assertThat(streamed(GenerationDelta.Kind.REASONING)).isEqualTo("Let me think about it.");
    ThinkingPart thinking =
        response.contents().stream()
            .filter(ThinkingPart.class::isInstance)
            .map(ThinkingPart.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(thinking.thinking()).isEqualTo("Let me think about it.");
    assertReasoningRequested(server.takeRequest().json());
  }

  @Test
  void countsUsageFromTheProviderAndPricesIt() throws Exception {
    server.enqueue(Reply.text("Counted.").withUsage(1200, 300, 100, 1000));
    ModelGateway gateway = gateway();

    GenerationResponse response = generate(gateway, Requests.ask("Count tokens"));

    assertThat(response.usage().inputTokens()).isEqualTo(1200);
    assertThat(response.usage().outputTokens()).isEqualTo(300);
    assertThat(response.usage().reasoningTokens()).isEqualTo(reportedReasoningTokens(100));
    assertThat(response.usage().cachedInputTokens()).isEqualTo(1000);
    assertThat(response.usage().totalTokens()).isEqualTo(1500);
    assertThat(gateway.usage("job-1").usage()).isEqualTo(response.usage());
    Exchange exchange = recorder.exchanges().get(0);
    assertThat(exchange.response()).contains(response);
    assertThat(exchange.requestDigest()).isEqualTo(RequestDigest.of(Requests.ask("Count tokens")));
    assertThat(exchange.costUsd())
        .isEqualTo(PriceTable.bundled().cost(provider(), model(), response.usage()));
  }

  @Test
  void waitsForRetryAfterOn429AndRetries() throws Exception {
    server.enqueue(Reply.error(429).retryAfterSeconds(1), Reply.text("After the wait."));
    long start = System.nanoTime();

    GenerationResponse response = generate(gateway(), Requests.ask("Hurry"));

    assertThat(text(response)).isEqualTo("After the wait.");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(950));
    assertThat(server.requestCount()).isEqualTo(2);
    assertThat(recorder.exchanges().get(0).attempts()).isEqualTo(2);
  }

  @Test
  void doesNotRetry401AndNeverLeaksTheKey() {
    server.enqueue(Reply.error(401), Reply.text("never sent"));

    assertThatThrownBy(() -> generate(gateway(), Requests.ask("Who am I?")))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              RunError error = e.error();
              assertThat(error.name()).isEqualTo("APICallError");
              assertThat(error.statusCode()).hasValue(401);
              assertThat(error.isRetryable()).isFalse();
              assertThat(error.message()).contains("invalid API key").doesNotContain(KEY);
              assertThat(e.getMessage()).doesNotContain(KEY);
            });
    assertThat(server.requestCount()).isEqualTo(1);
    assertThat(recorder.exchanges().get(0).error()).isPresent();
  }

  @Test
  void retries500AndGivesUpAfterMaxAttempts() throws Exception {
    server.enqueue(Reply.error(500), Reply.text("Recovered."));
    assertThat(text(generate(gateway(), Requests.ask("Try")))).isEqualTo("Recovered.");

    server.enqueue(Reply.error(503), Reply.error(500), Reply.error(500), Reply.text("too late"));
    assertThatThrownBy(() -> generate(gateway(), Requests.ask("Try again")))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().statusCode()).hasValue(500);
              assertThat(e.error().isRetryable()).isTrue();
              assertThat(e.attempts()).isEqualTo(3);
            });
    assertThat(server.requestCount()).isEqualTo(5);
  }

  @Test
  void doesNotRetry400() {
    server.enqueue(Reply.error(400).withMessage("bad schema"), Reply.text("never sent"));

    assertThatThrownBy(() -> generate(gateway(), Requests.ask("Bad")))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().statusCode()).hasValue(400);
              assertThat(e.error().isRetryable()).isFalse();
              assertThat(e.error().message()).contains("bad schema");
            });
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aStreamCutBeforeAnyDeltaIsRetried() throws Exception {
    server.enqueue(Reply.cutAfterChunks(0), Reply.text("Whole this time."));

    GenerationResponse response = generate(gateway(), Requests.ask("Stream"));

    assertThat(text(response)).isEqualTo("Whole this time.");
    assertThat(server.requestCount()).isEqualTo(2);
  }

  @Test
  void aStreamCutAfterDeltasIsARetryableErrorForTheAgent() {
    server.enqueue(Reply.cutAfterChunks(4), Reply.text("not here"));

    assertThatThrownBy(() -> generate(gateway(), Requests.ask("Stream")))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().isRetryable()).isTrue();
              assertThat(e.error().statusCode()).isEmpty();
            });
    assertThat(deltas).isNotEmpty();
    assertThat(server.requestCount()).isEqualTo(1);
  }

  @Test
  void aSlowAnswerTimesOut() {
    server.enqueue(Reply.text("Too slow.").delayed(Duration.ofSeconds(3)));
    ModelGateway gateway = gateway(fastRetries().withMaxAttempts(1), Duration.ofMillis(400));
    long start = System.nanoTime();

    assertThatThrownBy(() -> generate(gateway, Requests.ask("Quick")))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().name()).isEqualTo("TimeoutError");
              assertThat(e.error().isRetryable()).isTrue();
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void credentialsAndSettingsReachTheServer() throws Exception {
    server.enqueue(Reply.text("ok"));

    generate(gateway(), Requests.ask("Hi"));

    RecordedRequest request = server.takeRequest();
    assertAuthorised(request);
    customHeaders().forEach((name, value) -> assertThat(request.header(name)).contains(value));
  }

  @Test
  void imagesGoInlineFromTheUserAndFromToolResults() throws Exception {
    String userImage = java.util.Base64.getEncoder().encodeToString("user-png".getBytes());
    String toolImage = java.util.Base64.getEncoder().encodeToString("tool-png".getBytes());
    GenerationRequest request = Requests.withImages(userImage, toolImage);
    server.enqueue(Reply.text("Two images."));

    generate(gateway(), request);

    String body = server.takeRequest().body();
    assertThat(body).contains(userImage).contains(toolImage);
  }

  @Test
  void lengthFinishIsReported() throws Exception {
    server.enqueue(Reply.text("cut short").withFinish(Finish.LENGTH));

    assertThat(generate(gateway(), Requests.ask("Long")).finishReason())
        .isEqualTo(FinishReason.LENGTH);
  }
}

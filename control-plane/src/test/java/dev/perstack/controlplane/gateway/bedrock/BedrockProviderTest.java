package dev.perstack.controlplane.gateway.bedrock;

import static dev.perstack.controlplane.gateway.bedrock.ConverseStreamServer.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.controlplane.gateway.GatewayException;
import dev.perstack.controlplane.gateway.GatewayOptions;
import dev.perstack.controlplane.gateway.InMemoryExchangeRecorder;
import dev.perstack.controlplane.gateway.JobModel;
import dev.perstack.controlplane.gateway.ModelGateway;
import dev.perstack.controlplane.gateway.ModelProviders;
import dev.perstack.controlplane.gateway.PriceTable;
import dev.perstack.controlplane.gateway.ProviderEnvironment;
import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ExpertMessage;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.ToolMessage;
import dev.perstack.protocol.message.ToolResultContent;
import dev.perstack.protocol.message.ToolResultPart;
import dev.perstack.protocol.message.UserMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bedrock ConverseStream against a local server speaking the AWS event-stream framing: what is sent
 * (SigV4-signed, Converse JSON), and how streamed events, usage and errors come back.
 */
class BedrockProviderTest {
  static final String MODEL = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Pattern SIGV4 =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=AKIDTEST/\\d{8}/eu-west-1/bedrock/aws4_request,"
              + " SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*,"
              + " Signature=[0-9a-f]{64}");

  // One set of adapters for the class: closing Bedrock's Netty client takes about two seconds.
  static ModelProviders providers;
  ConverseStreamServer server;
  final List<GenerationDelta> deltas = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startProviders() {
    providers = ModelProviders.standard();
  }

  @AfterAll
  static void closeProviders() {
    providers.close();
  }

  @BeforeEach
  void start() throws Exception {
    server = new ConverseStreamServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  ModelGateway gateway(String model) {
    ModelGateway gateway =
        new ModelGateway(
            providers,
            PriceTable.bundled(),
            new InMemoryExchangeRecorder(),
            new GatewayOptions(
                3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(5)));
    ProviderSettings settings =
        new ProviderSettings(
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of("eu-west-1"),
            Optional.empty());
    gateway.bind(
        "job-1",
        new JobModel(
            new ProviderConfig(ProviderName.AMAZON_BEDROCK, settings),
            model,
            ProviderEnvironment.of(
                Map.of(
                    "AWS_ACCESS_KEY_ID", "AKIDTEST",
                    "AWS_SECRET_ACCESS_KEY", "secret-never-sent",
                    "AWS_SESSION_TOKEN", "session-token-1",
                    "AWS_REGION", "us-east-1",
                    "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", server.url())),
            Duration.ofSeconds(20)));
    return gateway;
  }

  static String id() {
    return UUID.randomUUID().toString();
  }

  static GenerationRequest request(List<Message> messages, ReasoningBudget budget)
      throws Exception {
    ToolDefinition tool =
        new ToolDefinition(
            "writeTextFile",
            Optional.of("Writes a file"),
            (ObjectNode)
                MAPPER.readTree(
                    "{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\","
                        + "\"minLength\":1}},\"required\":[\"path\"]}"));
    return new GenerationRequest("hello", messages, List.of(tool), budget, OptionalLong.empty());
  }

  static List<Message> ask(String text) {
    return List.of(
        new InstructionMessage(id(), List.of(new TextPart(id(), "Be brief.")), Optional.empty()),
        new UserMessage(id(), List.of(new TextPart(id(), text)), Optional.empty()));
  }

  @Test
  void sendsASignedConverseRequestAndStreamsTheAnswer() throws Exception {
    List<String[]> events =
        new ArrayList<>(ConverseStreamServer.text("Hello ", "from ", "Bedrock."));
    events.add(ConverseStreamServer.stop("end_turn"));
    events.add(ConverseStreamServer.metadata(100, 20, 900));
    server.enqueue(ConverseStreamServer.Script.events(events.toArray(String[][]::new)));

    GenerationResponse response =
        gateway(MODEL)
            .generate(
                "job-1",
                request(ask("Hi"), new ReasoningBudget.Level(ReasoningBudget.LevelName.LOW)),
                deltas::add);

    assertThat(((TextPart) response.contents().get(0)).text()).isEqualTo("Hello from Bedrock.");
    assertThat(deltas)
        .extracting(GenerationDelta::text)
        .containsExactly("Hello ", "from ", "Bedrock.");
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.usage().inputTokens()).isEqualTo(1000);
    assertThat(response.usage().cachedInputTokens()).isEqualTo(900);
    assertThat(response.usage().outputTokens()).isEqualTo(20);

    ConverseStreamServer.Received sent = server.received.get(0);
    assertThat(sent.path())
        .isEqualTo("/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream");
    // The setting's region wins over AWS_REGION; the secret signs but is never sent.
    assertThat(sent.header("Authorization")).matches(SIGV4);
    assertThat(sent.header("X-Amz-Security-Token")).isEqualTo("session-token-1");
    assertThat(sent.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
    assertThat(sent.headers().toString() + sent.body()).doesNotContain("secret-never-sent");
    JsonNode body = sent.body();
    assertThat(body.path("system").path(0).path("text").asText()).isEqualTo("Be brief.");
    assertThat(body.path("messages").path(0).path("role").asText()).isEqualTo("user");
    assertThat(body.path("messages").path(0).path("content").path(0).path("text").asText())
        .isEqualTo("Hi");
    JsonNode spec = body.path("toolConfig").path("tools").path(0).path("toolSpec");
    assertThat(spec.path("name").asText()).isEqualTo("writeTextFile");
    assertThat(
            spec.path("inputSchema")
                .path("json")
                .path("properties")
                .path("path")
                .path("minLength")
                .asInt())
        .isEqualTo(1);
    assertThat(
            body.path("additionalModelRequestFields")
                .path("thinking")
                .path("budget_tokens")
                .asInt())
        .isEqualTo(2048);
    assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(8192 + 2048);
  }

  @Test
  void toolUseAndSignedReasoningGoBothWays() throws Exception {
    server.enqueue(
        ConverseStreamServer.Script.events(
            event("messageStart", "{\"role\":\"assistant\"}"),
            event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"Need a file.\"}}}"),
            event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"signature\":\"sig-9\"}}}"),
            event("contentBlockStop", "{\"contentBlockIndex\":0}"),
            event(
                "contentBlockStart",
                "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":{\"toolUseId\":\"tooluse_1\",\"name\":\"writeTextFile\"}}}"),
            event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"path\\\":\"}}}"),
            event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"\\\"a.txt\\\"}\"}}}"),
            event("contentBlockStop", "{\"contentBlockIndex\":1}"),
            ConverseStreamServer.stop("tool_use"),
            ConverseStreamServer.metadata(10, 5, 0)));
    ModelGateway gateway = gateway(MODEL);
    GenerationRequest first = request(ask("Write a.txt"), new ReasoningBudget.Tokens(4000));

    GenerationResponse called = gateway.generate("job-1", first, deltas::add);

    assertThat(called.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    ThinkingPart thinking = (ThinkingPart) called.contents().get(0);
    assertThat(thinking.thinking()).isEqualTo("Need a file.");
    assertThat(thinking.signature()).contains("sig-9");
    ToolCallPart call = (ToolCallPart) called.contents().get(1);
    assertThat(call.toolCallId()).isEqualTo("tooluse_1");
    assertThat(call.args()).isEqualTo(MAPPER.readTree("{\"path\":\"a.txt\"}"));
    assertThat(deltas.stream().map(GenerationDelta::kind).distinct().collect(Collectors.toList()))
        .containsExactly(GenerationDelta.Kind.REASONING);

    List<String[]> done = new ArrayList<>(ConverseStreamServer.text("Done."));
    done.add(ConverseStreamServer.stop("end_turn"));
    server.enqueue(ConverseStreamServer.Script.events(done.toArray(String[][]::new)));
    List<Message> messages = new ArrayList<>(first.messages());
    messages.add(new ExpertMessage(id(), called.contents(), Optional.empty()));
    List<ToolResultContent> result = List.of(new TextPart(id(), "wrote a.txt"));
    messages.add(
        new ToolMessage(
            id(),
            List.of(
                new ToolResultPart(id(), "tooluse_1", "writeTextFile", result, Optional.of(true))),
            Optional.empty()));
    gateway.generate("job-1", request(messages, first.reasoningBudget()), d -> {});

    JsonNode sent = server.received.get(1).body().path("messages");
    JsonNode assistant = sent.path(1).path("content");
    assertThat(
            assistant
                .path(0)
                .path("reasoningContent")
                .path("reasoningText")
                .path("signature")
                .asText())
        .isEqualTo("sig-9");
    assertThat(assistant.path(1).path("toolUse").path("input").path("path").asText())
        .isEqualTo("a.txt");
    JsonNode toolResult = sent.path(2).path("content").path(0).path("toolResult");
    assertThat(sent.path(2).path("role").asText()).isEqualTo("user");
    assertThat(toolResult.path("toolUseId").asText()).isEqualTo("tooluse_1");
    assertThat(toolResult.path("status").asText()).isEqualTo("error");
    assertThat(toolResult.path("content").path(0).path("text").asText()).isEqualTo("wrote a.txt");
  }

  @Test
  void throttlingIsRetriedAndAccessDeniedIsNot() throws Exception {
    List<String[]> ok = new ArrayList<>(ConverseStreamServer.text("ok"));
    ok.add(ConverseStreamServer.stop("end_turn"));
    server.enqueue(
        ConverseStreamServer.Script.error(429, "ThrottlingException", "Too many tokens"),
        ConverseStreamServer.Script.events(ok.toArray(String[][]::new)));

    GenerationResponse response =
        gateway(MODEL).generate("job-1", request(ask("Hi"), ReasoningBudget.DEFAULT), d -> {});

    assertThat(((TextPart) response.contents().get(0)).text()).isEqualTo("ok");
    assertThat(server.received).hasSize(2);

    server.enqueue(
        ConverseStreamServer.Script.error(403, "AccessDeniedException", "not allowed"),
        ConverseStreamServer.Script.error(500, "InternalServerException", "never reached"));
    assertThatThrownBy(
            () ->
                gateway(MODEL)
                    .generate("job-1", request(ask("Hi"), ReasoningBudget.DEFAULT), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().statusCode()).hasValue(403);
              assertThat(e.error().isRetryable()).isFalse();
              assertThat(e.error().message())
                  .contains("AccessDeniedException")
                  .contains("not allowed");
            });
    assertThat(server.received).hasSize(3);
  }

  @Test
  void otherModelsGetNoThinkingFieldsAndAStreamWithoutStopIsRetryable() throws Exception {
    server.enqueue(
        ConverseStreamServer.Script.events(
            ConverseStreamServer.text("partial").toArray(String[][]::new)));
    ModelGateway gateway = gateway("amazon.nova-pro-v1:0");

    assertThatThrownBy(
            () ->
                gateway.generate(
                    "job-1",
                    request(ask("Hi"), new ReasoningBudget.Level(ReasoningBudget.LevelName.HIGH)),
                    d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.error().isRetryable()).isTrue());
    JsonNode body = server.received.get(0).body();
    assertThat(body.has("additionalModelRequestFields")).isFalse();
    assertThat(body.has("inferenceConfig")).isFalse();
  }

  @Test
  void aMissingRegionIsAConfigurationError() {
    ModelGateway gateway =
        new ModelGateway(
            providers,
            PriceTable.bundled(),
            new InMemoryExchangeRecorder(),
            GatewayOptions.DEFAULTS);
    gateway.bind(
        "job-1",
        new JobModel(
            new ProviderConfig(ProviderName.AMAZON_BEDROCK, ProviderSettings.NONE),
            MODEL,
            ProviderEnvironment.of(Map.of()),
            Duration.ofSeconds(5)));

    assertThatThrownBy(
            () -> gateway.generate("job-1", request(ask("Hi"), ReasoningBudget.DEFAULT), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().name()).isEqualTo("ConfigurationError");
              assertThat(e.getMessage()).contains("AWS_REGION");
            });
  }
}

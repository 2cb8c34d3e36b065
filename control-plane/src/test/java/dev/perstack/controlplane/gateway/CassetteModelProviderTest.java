package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassetteModelProviderTest {
  @TempDir Path dir;

  private static ModelGateway gateway(ModelProvider cassette, String... jobs) {
    ModelGateway gateway =
        new ModelGateway(
            ModelProviders.only(cassette),
            PriceTable.bundled(),
            ExchangeRecorder.discarding(),
            GatewayOptions.DEFAULTS);
    for (String job : jobs) {
      gateway.bind(
          job,
          new JobModel(
              ProviderConfig.DEFAULT,
              "claude-sonnet-4-5",
              ProviderEnvironment.of(Map.of()),
              Duration.ofSeconds(5)));
    }
    return gateway;
  }

  private static GenerationResponse response(String text) {
    return new GenerationResponse(
        List.of(new TextPart(Requests.id(), text)), FinishReason.STOP, new Usage(1, 2, 0, 3, 0));
  }

  private static Exchange exchange(GenerationRequest request, GenerationResponse response) {
    return new Exchange(
        "job-rec",
        "openai",
        "gpt-4o",
        RequestDigest.of(request),
        request,
        Instant.parse("2026-11-26T12:00:00Z"),
        12,
        1,
        Optional.of(response),
        Optional.empty(),
        Optional.of(new BigDecimal("0.00001")),
        "2026-11-01");
  }

  @Test
  void theBundledHelloCassetteWritesTheGreetingThenCompletes() throws Exception {
    CassetteModelProvider hello = CassetteModelProvider.bundled("hello");
    ModelGateway gateway = gateway(hello, "job-1");
    List<GenerationDelta> deltas = new ArrayList<>();

    GenerationResponse write = gateway.generate("job-1", Requests.ask("Hi"), deltas::add);
    GenerationResponse complete = gateway.generate("job-1", Requests.ask("next"), d -> {});
    GenerationResponse text = gateway.generate("job-1", Requests.ask("last"), d -> {});

    assertThat(hello.size()).isEqualTo(3);
    ToolCallPart writeCall = (ToolCallPart) write.contents().get(1);
    assertThat(writeCall.toolName()).isEqualTo("writeTextFile");
    assertThat(writeCall.args().path("path").asText()).isEqualTo("greeting.txt");
    assertThat(write.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(deltas.stream().map(GenerationDelta::text).collect(Collectors.joining()))
        .isEqualTo("Hello! I'll write the greeting to greeting.txt.");
    assertThat(((ToolCallPart) complete.contents().get(0)).toolName())
        .isEqualTo("attemptCompletion");
    assertThat(((TextPart) text.contents().get(0)).text()).contains("greeting.txt");
    assertThat(text.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(gateway.usage("job-1").generations()).isEqualTo(3);
    assertThat(gateway.usage("job-1").usage().inputTokens()).isEqualTo(2210 + 2330 + 2390);
  }

  @Test
  void aMatchingDigestWinsOverFileOrderAndJobsAreIndependent() throws Exception {
    GenerationRequest first = Requests.ask("first question");
    GenerationRequest second = Requests.ask("second question");
    Path file = dir.resolve("recorded.jsonl");
    JsonLinesExchangeRecorder recorder = new JsonLinesExchangeRecorder(file);
    recorder.record(exchange(first, response("answer one")));
    recorder.record(exchange(second, response("answer two")));
    ModelGateway gateway = gateway(CassetteModelProvider.load(file), "a", "b");

    // Asked out of order, with fresh message ids: the digest finds the right answer.
    assertThat(
            ProviderContract.text(gateway.generate("a", Requests.ask("second question"), d -> {})))
        .isEqualTo("answer two");
    assertThat(
            ProviderContract.text(gateway.generate("a", Requests.ask("first question"), d -> {})))
        .isEqualTo("answer one");
    // Another job starts from the top; an unknown request takes the next answer in order.
    assertThat(
            ProviderContract.text(gateway.generate("b", Requests.ask("something else"), d -> {})))
        .isEqualTo("answer one");
  }

  @Test
  void anExhaustedCassetteSaysSo() throws Exception {
    Path file = dir.resolve("one.jsonl");
    new JsonLinesExchangeRecorder(file).record(exchange(Requests.ask("q"), response("only")));
    ModelGateway gateway = gateway(CassetteModelProvider.load(file), "job");
    gateway.generate("job", Requests.ask("q"), d -> {});

    assertThatThrownBy(() -> gateway.generate("job", Requests.ask("q"), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().name()).isEqualTo("CassetteMissError");
              assertThat(e.error().isRetryable()).isFalse();
              assertThat(e.error().message())
                  .contains("one.jsonl")
                  .contains("used up")
                  .contains(RequestDigest.of(Requests.ask("q")));
              assertThat(e.attempts()).isEqualTo(1);
            });
  }

  @Test
  void recordedErrorsAreReplayed() throws Exception {
    RunError overloaded = new RunError("APICallError", "overloaded", OptionalInt.of(529), false);
    String line =
        "{\"error\":{\"name\":\"APICallError\",\"message\":\"overloaded\",\"statusCode\":529,"
            + "\"isRetryable\":false}}";
    Path file = dir.resolve("error.jsonl");
    Files.writeString(file, line + "\n");
    ModelGateway gateway = gateway(CassetteModelProvider.load(file), "job");

    assertThatThrownBy(() -> gateway.generate("job", Requests.ask("q"), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.error()).isEqualTo(overloaded));
  }

  @Test
  void aMalformedLineIsReportedWithItsNumber() throws IOException {
    Path file = dir.resolve("bad.jsonl");
    Files.writeString(file, "\n{\"response\":{\"contents\":[]}}\n{\"jobId\":\"x\"}\n");

    assertThatThrownBy(() -> CassetteModelProvider.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("docs/cassettes.md");
  }

  @Test
  void anUnknownBundledCassetteIsNamed() {
    assertThatThrownBy(() -> CassetteModelProvider.bundled("nope"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("hello");
  }
}

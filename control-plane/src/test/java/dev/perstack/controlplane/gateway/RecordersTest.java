package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.lockfile.config.ProviderConfig;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.Usage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exchange recorders, through the gateway with a provider that needs no network. */
class RecordersTest {
  @TempDir Path dir;

  /** Answers "hi" with fixed usage, or fails with {@code failure} first {@code failures} times. */
  static final class FakeProvider implements ModelProvider {
    final AtomicInteger calls = new AtomicInteger();
    final int failures;
    final RunError failure;

    FakeProvider(int failures, RunError failure) {
      this.failures = failures;
      this.failure = failure;
    }

    @Override
    public GenerationResponse generate(ProviderCall call, Consumer<GenerationDelta> onDelta)
        throws ProviderException {
      if (calls.incrementAndGet() <= failures) {
        throw new ProviderException(failure, java.util.Optional.empty(), failure.message());
      }
      onDelta.accept(new GenerationDelta(GenerationDelta.Kind.TEXT, "hi"));
      return new GenerationResponse(
          List.of(new TextPart("t1", "hi")),
          FinishReason.STOP,
          new Usage(1_000_000, 1_000_000, 0, 2_000_000, 0));
    }
  }

  static ModelGateway gateway(ModelProvider provider, ExchangeRecorder recorder, String model) {
    ModelGateway gateway =
        new ModelGateway(
            ModelProviders.only(provider),
            PriceTable.bundled(),
            recorder,
            ProviderContract.fastRetries());
    gateway.bind(
        "job-1",
        new JobModel(
            new ProviderConfig(ProviderName.OPENAI, ProviderSettings.NONE),
            model,
            ProviderEnvironment.of(Map.of()),
            Duration.ofSeconds(5)));
    return gateway;
  }

  @Test
  void theJsonLinesFileHoldsEveryExchangeAndReadsBack() throws Exception {
    Path file = dir.resolve("sub/exchanges.jsonl");
    JsonLinesExchangeRecorder recorder = new JsonLinesExchangeRecorder(file);
    RunError rateLimited = new RunError("APICallError", "slow down", OptionalInt.of(429), true);
    ModelGateway gateway = gateway(new FakeProvider(1, rateLimited), recorder, "gpt-4o");

    gateway.generate("job-1", Requests.ask("one"), d -> {});
    gateway.generate("job-1", Requests.ask("two"), d -> {});

    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    List<Exchange> read = JsonLinesExchangeRecorder.read(file);
    assertThat(read.get(0).attempts()).isEqualTo(2);
    assertThat(read.get(0).requestDigest()).isEqualTo(RequestDigest.of(Requests.ask("one")));
    assertThat(read.get(0).request().messages()).hasSize(2);
    assertThat(read.get(0).response().orElseThrow().usage().inputTokens()).isEqualTo(1_000_000);
    // gpt-4o: $2.50 per million input, $10 per million output.
    assertThat(read.get(0).costUsd()).contains(new BigDecimal("12.5"));
    assertThat(read.get(1).provider()).isEqualTo("openai");
    assertThat(read.get(1).priceTable()).isEqualTo(PriceTable.BUNDLED_VERSION);
    assertThat(gateway.usage("job-1").costUsd()).contains(new BigDecimal("25.0"));
  }

  @Test
  void aConversationIsWrittenOnceAndReadBackWhole() throws Exception {
    Path file = dir.resolve("conversation.jsonl");
    JsonLinesExchangeRecorder recorder = new JsonLinesExchangeRecorder(file);
    ModelGateway gateway = gateway(new FakeProvider(0, null), recorder, "gpt-4o");
    List<dev.perstack.protocol.message.Message> messages =
        new java.util.ArrayList<>(Requests.ask("Tell me a long story").messages());
    String longText = "word ".repeat(2_000);
    for (int step = 0; step < 20; step++) {
      messages.add(Requests.user(step + " " + longText));
      gateway.generate("job-1", Requests.request(List.copyOf(messages), List.of()), d -> {});
    }

    // 20 requests of 3..22 messages of 10 kB would be over 2 MB written out in full.
    assertThat(Files.size(file)).isLessThan(300_000);
    List<Exchange> read = JsonLinesExchangeRecorder.read(file);
    assertThat(read).hasSize(20);
    assertThat(read.get(19).request().messages()).isEqualTo(messages);
    assertThat(read.get(19).requestDigest()).isEqualTo(RequestDigest.of(read.get(19).request()));

    // After the job ends, a recorder writes its messages out again.
    gateway.release("job-1");
    gateway(new FakeProvider(0, null), recorder, "gpt-4o")
        .generate("job-1", Requests.request(List.copyOf(messages), List.of()), d -> {});
    assertThat(Files.readAllLines(file).get(20)).contains(longText.substring(0, 100));
  }

  @Test
  void failuresAreRecordedToo() throws Exception {
    InMemoryExchangeRecorder recorder = new InMemoryExchangeRecorder();
    RunError denied = new RunError("APICallError", "no", OptionalInt.of(401), false);
    ModelGateway gateway = gateway(new FakeProvider(5, denied), recorder, "gpt-4o");

    assertThatThrownBy(() -> gateway.generate("job-1", Requests.ask("x"), d -> {}))
        .isInstanceOf(GatewayException.class);

    Exchange exchange = recorder.exchanges("job-1").get(0);
    assertThat(exchange.error()).contains(denied);
    assertThat(exchange.response()).isEmpty();
    assertThat(exchange.attempts()).isEqualTo(1);
  }

  @Test
  void anUnknownModelHasAnUnknownCostNotAZeroOne() throws Exception {
    InMemoryExchangeRecorder recorder = new InMemoryExchangeRecorder();
    ModelGateway gateway = gateway(new FakeProvider(0, null), recorder, "my-finetune-7");

    gateway.generate("job-1", Requests.ask("x"), d -> {});

    assertThat(recorder.exchanges().get(0).costUsd()).isEmpty();
    assertThat(gateway.usage("job-1").costUsd()).isEmpty();
    assertThat(gateway.release("job-1").generations()).isEqualTo(1);
    assertThat(gateway.usage("job-1")).isEqualTo(JobUsage.NONE);
  }

  @Test
  void aRecorderThatFailsFailsTheGeneration() {
    ExchangeRecorder broken =
        exchange -> {
          throw new IOException("disk full");
        };
    ModelGateway gateway = gateway(new FakeProvider(0, null), broken, "gpt-4o");

    assertThatThrownBy(() -> gateway.generate("job-1", Requests.ask("x"), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().name()).isEqualTo("RecorderError");
              assertThat(e.getMessage()).contains("disk full");
            });
  }

  @Test
  void aProviderBugIsNormalisedToo() {
    ModelProvider broken =
        (call, onDelta) -> {
          throw new IllegalStateException("adapter bug");
        };
    InMemoryExchangeRecorder recorder = new InMemoryExchangeRecorder();
    ModelGateway gateway = gateway(broken, recorder, "gpt-4o");

    assertThatThrownBy(() -> gateway.generate("job-1", Requests.ask("x"), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().name()).isEqualTo("ProviderError");
              assertThat(e.error().isRetryable()).isFalse();
              assertThat(e.error().message()).contains("adapter bug");
            });
    assertThat(recorder.exchanges()).hasSize(1);
  }

  @Test
  void anUnboundJobIsAConfigurationError() {
    ModelGateway gateway =
        gateway(new FakeProvider(0, null), ExchangeRecorder.discarding(), "gpt-4o");

    assertThatThrownBy(() -> gateway.generate("other", Requests.ask("x"), d -> {}))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.error().name()).isEqualTo("ConfigurationError");
              assertThat(e.getMessage()).contains("ModelGateway.bind");
            });
  }

  @Test
  void aMalformedRecordingNamesItsLine() throws IOException {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(file, "{\"requestDigest\":\"sha256:x\"}\n");

    assertThatThrownBy(() -> JsonLinesExchangeRecorder.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("jobId");
  }
}

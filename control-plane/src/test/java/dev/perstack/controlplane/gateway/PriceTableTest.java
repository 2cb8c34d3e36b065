package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.protocol.message.Usage;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceTableTest {
  private final PriceTable prices = PriceTable.bundled();

  @Test
  void theBundledTableIsVersioned() {
    assertThat(prices.version()).isEqualTo(PriceTable.BUNDLED_VERSION);
  }

  @Test
  void everyKindOfTokenHasItsOwnPrice() {
    // 1M input of which 400k cached, 200k output of which 50k reasoning, on claude-sonnet-4-5:
    // 600k x $3 + 400k x $0.30 + 150k x $15 + 50k x $15 = 1.8 + 0.12 + 2.25 + 0.75
    Usage usage = new Usage(1_000_000, 200_000, 50_000, 1_200_000, 400_000);

    assertThat(prices.cost(ProviderName.ANTHROPIC, "claude-sonnet-4-5", usage))
        .contains(new BigDecimal("4.92"));
  }

  @Test
  void smallUsageKeepsItsCents() {
    Usage usage = new Usage(1234, 56, 0, 1290, 0);

    // 1234 x 0.15 + 56 x 0.60 per million = 0.0001851 + 0.0000336
    assertThat(prices.cost(ProviderName.OPENAI, "gpt-4o-mini", usage))
        .contains(new BigDecimal("0.0002187"));
  }

  @ParameterizedTest
  @CsvSource({
    "anthropic, claude-sonnet-4-5-20250929, 3",
    "amazon-bedrock, us.anthropic.claude-sonnet-4-5-20250929-v1:0, 3",
    "google-vertex, claude-opus-4-1@20250805, 15",
    "google-vertex, gemini-2.0-flash-001, 0.10",
    "openai, gpt-4o-2024-08-06, 2.50",
    "azure-openai, gpt-4.1-mini, 0.40",
    "anthropic, claude-3-5-haiku-latest, 0.80",
    "ollama, llama3.2:3b, 0"
  })
  void snapshotsAndVendorSpellingsFindTheirBaseModel(
      String provider, String model, BigDecimal input) {
    assertThat(prices.price(ProviderName.fromWord(provider).orElseThrow(), model))
        .hasValueSatisfying(price -> assertThat(price.input()).isEqualByComparingTo(input));
  }

  @ParameterizedTest
  @CsvSource({"openai, gpt-4o-audio-preview", "anthropic, claude-2", "deepseek, deepseek-coder"})
  void anUnknownModelHasNoPrice(String provider, String model) {
    Usage usage = new Usage(10, 10, 0, 20, 0);
    assertThat(prices.cost(ProviderName.fromWord(provider).orElseThrow(), model, usage)).isEmpty();
  }

  @Test
  void aTableWithoutVersionOrPricesIsRefused() {
    assertThatThrownBy(() -> PriceTable.parse(Requests.json("{\"models\":[]}")))
        .hasMessageContaining("version");
    assertThatThrownBy(
            () ->
                PriceTable.parse(
                    Requests.json(
                        "{\"version\":\"x\",\"models\":[{\"model\":\"m\",\"input\":1}]}")))
        .hasMessageContaining("cachedInput");
  }
}

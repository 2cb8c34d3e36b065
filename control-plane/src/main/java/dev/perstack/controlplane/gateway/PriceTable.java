package dev.perstack.controlplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.protocol.message.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Dollar prices per million tokens by model, from a versioned {@code prices-<date>.json}; a model
 * it does not list has an unknown cost, never a zero one.
 */
public final class PriceTable {
  /** The version of the table bundled in this build. */
  public static final String BUNDLED_VERSION = "2026-11-01";

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
  private static final Pattern VENDOR_PREFIX =
      Pattern.compile(
          "^(?:(?:us|eu|apac|global|jp|au|ca|us-gov)\\.)?"
              + "(?:anthropic|amazon|meta|mistral|deepseek|openai|cohere|google)\\.");
  private static final Pattern VENDOR_SUFFIX = Pattern.compile("-v\\d+(?::\\d+)?$");
  private static final Pattern SNAPSHOT =
      Pattern.compile("(?:[-@]\\d{8}|-\\d{4}-\\d{2}-\\d{2}|-\\d{3}|-latest)$");

  private final String version;
  private final Map<String, ModelPrice> byModel;
  private final Map<String, ModelPrice> byProvider;

  /** The price of one model in dollars per million tokens of each kind. */
  public record ModelPrice(
      BigDecimal input, BigDecimal cachedInput, BigDecimal output, BigDecimal reasoning) {
    public ModelPrice {
      Objects.requireNonNull(input, "input");
      Objects.requireNonNull(cachedInput, "cachedInput");
      Objects.requireNonNull(output, "output");
      Objects.requireNonNull(reasoning, "reasoning");
    }

    /** What {@code usage} costs, in dollars. */
    public BigDecimal cost(Usage usage) {
      long uncached = Math.max(0, usage.inputTokens() - usage.cachedInputTokens());
      long visibleOutput = Math.max(0, usage.outputTokens() - usage.reasoningTokens());
      BigDecimal micro =
          input
              .multiply(BigDecimal.valueOf(uncached))
              .add(cachedInput.multiply(BigDecimal.valueOf(usage.cachedInputTokens())))
              .add(output.multiply(BigDecimal.valueOf(visibleOutput)))
              .add(reasoning.multiply(BigDecimal.valueOf(usage.reasoningTokens())));
      return micro.divide(MILLION, 8, RoundingMode.HALF_UP).stripTrailingZeros();
    }
  }

  private PriceTable(
      String version, Map<String, ModelPrice> byModel, Map<String, ModelPrice> byProvider) {
    this.version = version;
    this.byModel = Map.copyOf(byModel);
    this.byProvider = Map.copyOf(byProvider);
  }

  /** The table bundled with this build ({@value #BUNDLED_VERSION}). */
  public static PriceTable bundled() {
    return fromResource("prices-" + BUNDLED_VERSION + ".json");
  }

  /** A table from a JSON resource next to this class. */
  public static PriceTable fromResource(String name) {
    try (InputStream in = PriceTable.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "price table resource "
                + name
                + " is missing from dev/perstack/controlplane/gateway/; rebuild the control plane");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read price table " + name, e);
    }
  }

  /** A table from its JSON form (see {@code prices-<date>.json}). */
  public static PriceTable parse(JsonNode root) {
    String version = root.path("version").asText("");
    if (version.isEmpty()) {
      throw new IllegalArgumentException("a price table needs a \"version\"");
    }
    Map<String, ModelPrice> byModel = new HashMap<>();
    Map<String, ModelPrice> byProvider = new HashMap<>();
    for (JsonNode entry : root.path("models")) {
      ModelPrice price =
          new ModelPrice(
              decimal(entry, "input"),
              decimal(entry, "cachedInput"),
              decimal(entry, "output"),
              decimal(entry, "reasoning"));
      String model = entry.path("model").asText("");
      if (model.equals("*")) {
        byProvider.put(entry.path("provider").asText(""), price);
        continue;
      }
      List<String> names = new ArrayList<>(List.of(model));
      entry.path("aliases").forEach(alias -> names.add(alias.asText()));
      names.forEach(name -> byModel.put(name.toLowerCase(Locale.ROOT), price));
    }
    return new PriceTable(version, byModel, byProvider);
  }

  /** The table's version, the date in its file name. */
  public String version() {
    return version;
  }

  /** The price of {@code model} on {@code provider}, if the table knows it. */
  public Optional<ModelPrice> price(ProviderName provider, String model) {
    String name = model.toLowerCase(Locale.ROOT);
    for (int round = 0; round < 3; round++) {
      ModelPrice price = byModel.get(name);
      if (price != null) {
        return Optional.of(price);
      }
      name =
          round == 0
              ? VENDOR_SUFFIX.matcher(VENDOR_PREFIX.matcher(name).replaceFirst("")).replaceFirst("")
              : SNAPSHOT.matcher(name).replaceFirst("");
    }
    return Optional.ofNullable(byProvider.get(provider.word()));
  }

  /** What {@code usage} of {@code model} costs in dollars; empty when the model is unknown. */
  public Optional<BigDecimal> cost(ProviderName provider, String model, Usage usage) {
    return price(provider, model).map(price -> price.cost(usage));
  }

  private static BigDecimal decimal(JsonNode entry, String field) {
    JsonNode value = entry.get(field);
    if (value == null || !value.isNumber()) {
      throw new IllegalArgumentException(
          "price entry " + entry.path("model").asText("?") + " needs a number \"" + field + "\"");
    }
    return value.decimalValue();
  }
}

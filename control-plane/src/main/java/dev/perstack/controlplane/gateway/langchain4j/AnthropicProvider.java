package dev.perstack.controlplane.gateway.langchain4j;

import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.internal.GatewayHttpClient;
import dev.perstack.controlplane.gateway.internal.ReasoningBudgets;
import dev.perstack.controlplane.gateway.internal.Settings;
import dev.perstack.lockfile.config.ProviderSettings;
import dev.perstack.protocol.message.InstructionMessage;
import java.net.http.HttpClient;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Anthropic messages on {@link AnthropicStreamingChatModel}: {@code ANTHROPIC_API_KEY}, base URL
 * and headers; extended thinking with the budget of {@code reasoningBudget}, its signed blocks sent
 * back verbatim; the system prompt cached when the instruction message asks for it.
 */
public final class AnthropicProvider {
  /** Output tokens allowed when the request sets no cap, on top of any thinking budget. */
  static final int DEFAULT_MAX_TOKENS = 8192;

  private AnthropicProvider() {}

  /** The adapter. */
  public static ModelProvider create(HttpClient jdk) {
    return new Lc4jModelProvider(
        "anthropic",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String key = Settings.requireVariable(call, "ANTHROPIC_API_KEY");
          String baseUrl =
              Settings.trimSlash(
                  Settings.pick(call, settings.baseUrl(), "ANTHROPIC_BASE_URL")
                      .orElse("https://api.anthropic.com/v1"));
          Map<String, String> headers = Map.copyOf(settings.headers());
          OptionalInt budget =
              ReasoningBudgets.anthropicBudgetTokens(call.request().reasoningBudget());
          long cap = call.request().maxTokens().orElse(DEFAULT_MAX_TOKENS);
          // max_tokens must exceed the thinking budget, which it includes.
          long maxTokens = cap + (budget.isPresent() ? budget.getAsInt() : 0);
          boolean cacheSystem =
              call.request().messages().stream()
                  .anyMatch(m -> m instanceof InstructionMessage && m.cache().orElse(false));
          AnthropicStreamingChatModel.AnthropicStreamingChatModelBuilder builder =
              AnthropicStreamingChatModel.builder()
                  .httpClientBuilder(GatewayHttpClient.builder(jdk, () -> headers))
                  .baseUrl(baseUrl + "/")
                  .apiKey(key)
                  .modelName(call.model())
                  .maxTokens((int) Math.min(Integer.MAX_VALUE, maxTokens))
                  .timeout(call.timeout())
                  .cacheSystemMessages(cacheSystem)
                  .returnThinking(true)
                  .sendThinking(true);
          budget.ifPresent(tokens -> builder.thinkingType("enabled").thinkingBudgetTokens(tokens));
          return new Lc4jModelProvider.Target(
              builder.build(), baseUrl + "/messages", Lc4jSchemas.Mode.RAW, true);
        });
  }
}

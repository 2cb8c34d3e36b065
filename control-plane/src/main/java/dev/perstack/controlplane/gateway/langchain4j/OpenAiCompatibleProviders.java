package dev.perstack.controlplane.gateway.langchain4j;

import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.ProviderCall;
import dev.perstack.controlplane.gateway.ProviderException;
import dev.perstack.controlplane.gateway.internal.GatewayHttpClient;
import dev.perstack.controlplane.gateway.internal.ReasoningBudgets;
import dev.perstack.controlplane.gateway.internal.Settings;
import dev.perstack.lockfile.config.ProviderSettings;
import java.net.http.HttpClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The providers that speak OpenAI chat completions, on {@link OpenAiStreamingChatModel}: OpenAI,
 * DeepSeek, Ollama (its OpenAI-compatible {@code /v1} API) and Azure OpenAI.
 */
public final class OpenAiCompatibleProviders {
  /** OpenAI models that take {@code reasoning_effort}; others refuse it. */
  private static final Pattern REASONING_MODEL = Pattern.compile("^(o\\d|gpt-5|codex).*");

  private OpenAiCompatibleProviders() {}

  /** OpenAI: {@code OPENAI_API_KEY}, base URL, organization, project, headers. */
  public static ModelProvider openAi(HttpClient jdk) {
    return new Lc4jModelProvider(
        "openai",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String key = Settings.requireVariable(call, "OPENAI_API_KEY");
          String baseUrl =
              Settings.pick(call, settings.baseUrl(), "OPENAI_BASE_URL")
                  .orElse("https://api.openai.com/v1");
          OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder =
              base(jdk, call, baseUrl, settings.headers()).apiKey(key);
          Settings.pick(call, settings.organization(), "OPENAI_ORGANIZATION")
              .ifPresent(builder::organizationId);
          Settings.pick(call, settings.project(), "OPENAI_PROJECT").ifPresent(builder::projectId);
          reasoningEffort(call).ifPresent(builder::reasoningEffort);
          return target(builder, baseUrl);
        });
  }

  /** DeepSeek: {@code DEEPSEEK_API_KEY}; {@code deepseek-reasoner} streams its reasoning. */
  public static ModelProvider deepSeek(HttpClient jdk) {
    return new Lc4jModelProvider(
        "deepseek",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String key = Settings.requireVariable(call, "DEEPSEEK_API_KEY");
          String baseUrl =
              Settings.pick(call, settings.baseUrl(), "DEEPSEEK_BASE_URL")
                  .orElse("https://api.deepseek.com/v1");
          return target(base(jdk, call, baseUrl, settings.headers()).apiKey(key), baseUrl);
        });
  }

  /** Ollama through its OpenAI-compatible API; no key. */
  public static ModelProvider ollama(HttpClient jdk) {
    return new Lc4jModelProvider(
        "ollama",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String root =
              Settings.trimSlash(
                  Settings.pick(call, settings.baseUrl(), "OLLAMA_BASE_URL")
                      .orElse("http://localhost:11434"));
          // The AI SDK's Ollama provider takes .../api; the OpenAI-compatible API is .../v1.
          if (root.endsWith("/api")) {
            root = root.substring(0, root.length() - "/api".length());
          }
          String baseUrl = root.endsWith("/v1") ? root : root + "/v1";
          return target(base(jdk, call, baseUrl, settings.headers()), baseUrl);
        });
  }

  /**
   * Azure OpenAI: {@code AZURE_API_KEY} in the {@code api-key} header, {@code
   * https://{resourceName}.openai.azure.com/openai} (or {@code baseUrl}), then {@code /v1} or, with
   * {@code useDeploymentBasedUrls}, {@code /deployments/{model}}, with {@code api-version}.
   */
  public static ModelProvider azure(HttpClient jdk) {
    return new Lc4jModelProvider(
        "azure-openai",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String key = Settings.requireVariable(call, "AZURE_API_KEY");
          Optional<String> explicit = Settings.pick(call, settings.baseUrl(), "AZURE_BASE_URL");
          Optional<String> resource =
              Settings.pick(call, settings.resourceName(), "AZURE_RESOURCE_NAME");
          if (explicit.isEmpty() && resource.isEmpty()) {
            throw ProviderException.configuration(
                "azure-openai needs a resource name or a base URL",
                "set AZURE_RESOURCE_NAME or [provider.setting] resourceName (or baseUrl)");
          }
          String prefix =
              Settings.trimSlash(
                  explicit.orElseGet(
                      () -> "https://" + resource.get() + ".openai.azure.com/openai"));
          boolean deployments = settings.useDeploymentBasedUrls().orElse(false);
          String baseUrl = deployments ? prefix + "/deployments/" + call.model() : prefix + "/v1";
          String apiVersion =
              Settings.pick(call, settings.apiVersion(), "AZURE_API_VERSION")
                  .orElse(deployments ? "2024-10-21" : "v1");
          Map<String, String> headers = new HashMap<>(settings.headers());
          headers.putIfAbsent("api-key", key);
          OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder =
              base(jdk, call, baseUrl, headers)
                  .customQueryParams(Map.of("api-version", apiVersion));
          reasoningEffort(call).ifPresent(builder::reasoningEffort);
          return target(builder, baseUrl);
        });
  }

  private static Optional<String> reasoningEffort(ProviderCall call) {
    if (!REASONING_MODEL.matcher(call.model()).matches()) {
      return Optional.empty();
    }
    return ReasoningBudgets.openAiEffort(call.request().reasoningBudget());
  }

  private static OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder base(
      HttpClient jdk, ProviderCall call, String baseUrl, Map<String, String> headers) {
    Map<String, String> fixed = Map.copyOf(headers);
    OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder =
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(GatewayHttpClient.builder(jdk, () -> fixed))
            .baseUrl(baseUrl)
            .modelName(call.model())
            .timeout(call.timeout())
            .returnThinking(true)
            .sendThinking(false);
    call.request()
        .maxTokens()
        .ifPresent(max -> builder.maxCompletionTokens((int) Math.min(Integer.MAX_VALUE, max)));
    return builder;
  }

  private static Lc4jModelProvider.Target target(
      OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder builder, String baseUrl) {
    return new Lc4jModelProvider.Target(
        builder.build(), baseUrl + "/chat/completions", Lc4jSchemas.Mode.RAW, false);
  }
}

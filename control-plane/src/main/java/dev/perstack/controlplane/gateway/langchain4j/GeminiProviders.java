package dev.perstack.controlplane.gateway.langchain4j;

import com.google.auth.oauth2.GoogleCredentials;
import dev.langchain4j.model.googleai.GeminiThinkingConfig;
import dev.langchain4j.model.googleai.GoogleAiGeminiStreamingChatModel;
import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.ProviderCall;
import dev.perstack.controlplane.gateway.ProviderException;
import dev.perstack.controlplane.gateway.internal.GatewayHttpClient;
import dev.perstack.controlplane.gateway.internal.ReasoningBudgets;
import dev.perstack.controlplane.gateway.internal.Settings;
import dev.perstack.lockfile.config.ProviderSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Gemini generateContent on {@link GoogleAiGeminiStreamingChatModel}, for the Gemini API ({@code
 * google}: {@code GOOGLE_GENERATIVE_AI_API_KEY} in {@code x-goog-api-key}) and for Vertex AI
 * ({@code google-vertex}: the same wire format under {@code
 * /v1/projects/{project}/locations/{location}/publishers/google}, authorised with a bearer token
 * from application default credentials).
 */
public final class GeminiProviders {
  private static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  /** Models that think and take a {@code thinkingConfig}; older ones refuse it. */
  private static final Pattern THINKING_MODEL =
      Pattern.compile(".*(gemini-2\\.5|gemini-3|thinking).*");

  private GeminiProviders() {}

  /** The Gemini API. */
  public static ModelProvider google(HttpClient jdk) {
    return new Lc4jModelProvider(
        "google",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String key = Settings.requireVariable(call, "GOOGLE_GENERATIVE_AI_API_KEY");
          String baseUrl =
              Settings.trimSlash(
                  Settings.pick(call, settings.baseUrl(), "GOOGLE_GENERATIVE_AI_BASE_URL")
                      .orElse("https://generativelanguage.googleapis.com/v1beta"));
          Map<String, String> headers = Map.copyOf(settings.headers());
          return target(jdk, call, baseUrl, Optional.of(key), headers);
        });
  }

  /** Vertex AI, with credentials cached per credentials file so tokens are reused. */
  public static ModelProvider vertex(HttpClient jdk) {
    Map<String, GoogleCredentials> credentials = new ConcurrentHashMap<>();
    return new Lc4jModelProvider(
        "google-vertex",
        call -> {
          ProviderSettings settings = call.provider().settings();
          String project =
              Settings.pick(call, settings.project(), "GOOGLE_VERTEX_PROJECT")
                  .orElseThrow(
                      () ->
                          ProviderException.configuration(
                              "google-vertex needs a project",
                              "set GOOGLE_VERTEX_PROJECT or [provider.setting] project"));
          String location =
              Settings.pick(call, settings.location(), "GOOGLE_VERTEX_LOCATION")
                  .orElse("us-central1");
          String host =
              location.equals("global")
                  ? "https://aiplatform.googleapis.com"
                  : "https://" + location + "-aiplatform.googleapis.com";
          String root =
              Settings.trimSlash(
                  Settings.pick(call, settings.baseUrl(), "GOOGLE_VERTEX_BASE_URL")
                      .orElse(host + "/v1"));
          String baseUrl =
              root + "/projects/" + project + "/locations/" + location + "/publishers/google";
          Map<String, String> headers = new HashMap<>(settings.headers());
          headers.put("Authorization", "Bearer " + accessToken(call, credentials));
          return target(jdk, call, baseUrl, Optional.empty(), Map.copyOf(headers));
        });
  }

  private static Lc4jModelProvider.Target target(
      HttpClient jdk,
      ProviderCall call,
      String baseUrl,
      Optional<String> key,
      Map<String, String> headers) {
    GoogleAiGeminiStreamingChatModel.GoogleAiGeminiStreamingChatModelBuilder builder =
        GoogleAiGeminiStreamingChatModel.builder()
            .httpClientBuilder(GatewayHttpClient.builder(jdk, () -> headers))
            .baseUrl(baseUrl)
            .apiKey(key.orElse(null))
            .modelName(call.model())
            .timeout(call.timeout())
            .returnThinking(true)
            .sendThinking(true);
    int budget = ReasoningBudgets.geminiThinkingBudget(call.request().reasoningBudget());
    // Pro models cannot stop thinking: for them "none" leaves the model's default.
    boolean cannotDisable = budget == 0 && call.model().contains("-pro");
    if (THINKING_MODEL.matcher(call.model()).matches() && !cannotDisable) {
      builder.thinkingConfig(
          GeminiThinkingConfig.builder()
              .thinkingBudget(budget)
              .includeThoughts(budget > 0)
              .build());
    }
    call.request()
        .maxTokens()
        .ifPresent(max -> builder.maxOutputTokens((int) Math.min(Integer.MAX_VALUE, max)));
    return new Lc4jModelProvider.Target(
        builder.build(),
        baseUrl + "/models/" + call.model() + ":streamGenerateContent",
        Lc4jSchemas.Mode.STRUCTURED,
        true);
  }

  /**
   * A current access token: from the key file {@code GOOGLE_APPLICATION_CREDENTIALS} names in the
   * provider environment, else from the application default credentials.
   */
  private static String accessToken(ProviderCall call, Map<String, GoogleCredentials> cache)
      throws ProviderException {
    Optional<String> file = call.environment().get("GOOGLE_APPLICATION_CREDENTIALS");
    try {
      GoogleCredentials credentials = cache.get(file.orElse(""));
      if (credentials == null) {
        GoogleCredentials loaded;
        if (file.isPresent()) {
          try (InputStream in = Files.newInputStream(Path.of(file.get()))) {
            loaded = GoogleCredentials.fromStream(in);
          }
        } else {
          loaded = GoogleCredentials.getApplicationDefault();
        }
        credentials = loaded.createScopedRequired() ? loaded.createScoped(CLOUD_PLATFORM) : loaded;
        cache.put(file.orElse(""), credentials);
      }
      credentials.refreshIfExpired();
      return credentials.getAccessToken().getTokenValue();
    } catch (IOException | RuntimeException e) {
      throw ProviderException.configuration(
          "google-vertex could not get an access token: " + e.getMessage(),
          "set GOOGLE_APPLICATION_CREDENTIALS to a service-account key file or run"
              + " `gcloud auth application-default login` on the control plane's host");
    }
  }
}

package dev.perstack.testsupport.model.internal;

import java.util.Optional;
import java.util.regex.Pattern;

/** Which wire format serves a request, by method and path. */
final class Routes {
  /** Gemini's API ({@code /v1beta/models/m:...}) and Vertex AI's longer publisher paths alike. */
  static final Pattern GEMINI =
      Pattern.compile(
          ".*/models/(?<model>[^/:]+):(?<method>generateContent|streamGenerateContent)");

  static final String DESCRIPTION =
      "POST .../chat/completions (OpenAI), POST /v1/messages (Anthropic) and"
          + " POST .../models/{model}:generateContent or :streamGenerateContent (Gemini)";

  private Routes() {}

  static Optional<ProviderFormat> forRequest(String method, String path) {
    if (!"POST".equals(method)) {
      return Optional.empty();
    }
    // A suffix, so that DeepSeek (/chat/completions), Ollama (/v1/...) and Azure OpenAI
    // (/openai/deployments/{deployment}/...) all land here.
    if (path.endsWith("/chat/completions")) {
      return Optional.of(OpenAiChatFormat.INSTANCE);
    }
    if (path.endsWith("/v1/messages")) {
      return Optional.of(AnthropicMessagesFormat.INSTANCE);
    }
    if (GEMINI.matcher(path).matches()) {
      return Optional.of(GeminiFormat.INSTANCE);
    }
    return Optional.empty();
  }
}

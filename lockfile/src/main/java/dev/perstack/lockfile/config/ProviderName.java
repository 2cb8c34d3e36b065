package dev.perstack.lockfile.config;

import java.util.Arrays;
import java.util.Optional;

/** The eight model providers of the reference, by their {@code providerName}. */
public enum ProviderName {
  ANTHROPIC("anthropic"),
  OPENAI("openai"),
  GOOGLE("google"),
  DEEPSEEK("deepseek"),
  OLLAMA("ollama"),
  AZURE_OPENAI("azure-openai"),
  AMAZON_BEDROCK("amazon-bedrock"),
  GOOGLE_VERTEX("google-vertex");

  private final String word;

  ProviderName(String word) {
    this.word = word;
  }

  /** The {@code providerName} as written in {@code perstack.toml}. */
  public String word() {
    return word;
  }

  /** The provider with this exact {@code providerName}, if any. */
  public static Optional<ProviderName> fromWord(String word) {
    return Arrays.stream(values()).filter(p -> p.word.equals(word)).findFirst();
  }
}

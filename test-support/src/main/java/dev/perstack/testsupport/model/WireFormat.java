package dev.perstack.testsupport.model;

/** The provider wire formats the scripted model server speaks, one per family of routes. */
public enum WireFormat {
  /**
   * OpenAI chat completions: any {@code POST .../chat/completions}, which covers OpenAI, DeepSeek,
   * Ollama's OpenAI-compatible API and Azure OpenAI's {@code /openai/deployments/{d}/...}.
   */
  OPENAI,
  /** Anthropic messages: {@code POST /v1/messages}. */
  ANTHROPIC,
  /** Gemini: {@code POST .../models/{model}:generateContent} and {@code :streamGenerateContent}. */
  GEMINI
}

/**
 * The adapters built on langchain4j streaming chat models: OpenAI, DeepSeek, Ollama and Azure
 * OpenAI (OpenAI chat completions), Anthropic (messages), Google and Vertex AI (Gemini
 * generateContent), and the mapping of Perstack messages, tools and usage to and from
 * langchain4j's.
 */
package dev.perstack.controlplane.gateway.langchain4j;

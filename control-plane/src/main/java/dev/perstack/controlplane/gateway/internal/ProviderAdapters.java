package dev.perstack.controlplane.gateway.internal;

import dev.perstack.controlplane.gateway.JobModel;
import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.ModelProviders;
import dev.perstack.controlplane.gateway.bedrock.BedrockProvider;
import dev.perstack.controlplane.gateway.langchain4j.AnthropicProvider;
import dev.perstack.controlplane.gateway.langchain4j.GeminiProviders;
import dev.perstack.controlplane.gateway.langchain4j.OpenAiCompatibleProviders;
import dev.perstack.lockfile.config.ProviderName;
import java.net.http.HttpClient;
import java.util.EnumMap;
import java.util.Map;

/** The eight provider adapters, sharing one JDK HTTP client; Bedrock has its own AWS client. */
public final class ProviderAdapters implements ModelProviders {
  private final Map<ProviderName, ModelProvider> adapters = new EnumMap<>(ProviderName.class);
  private final BedrockProvider bedrock;

  public ProviderAdapters() {
    HttpClient jdk = GatewayHttpClient.newJdkClient();
    bedrock = new BedrockProvider();
    adapters.put(ProviderName.OPENAI, OpenAiCompatibleProviders.openAi(jdk));
    adapters.put(ProviderName.DEEPSEEK, OpenAiCompatibleProviders.deepSeek(jdk));
    adapters.put(ProviderName.OLLAMA, OpenAiCompatibleProviders.ollama(jdk));
    adapters.put(ProviderName.AZURE_OPENAI, OpenAiCompatibleProviders.azure(jdk));
    adapters.put(ProviderName.ANTHROPIC, AnthropicProvider.create(jdk));
    adapters.put(ProviderName.GOOGLE, GeminiProviders.google(jdk));
    adapters.put(ProviderName.GOOGLE_VERTEX, GeminiProviders.vertex(jdk));
    adapters.put(ProviderName.AMAZON_BEDROCK, bedrock);
  }

  @Override
  public ModelProvider providerFor(JobModel job) {
    return adapters.get(job.provider().name());
  }

  @Override
  public void close() {
    bedrock.close();
  }
}

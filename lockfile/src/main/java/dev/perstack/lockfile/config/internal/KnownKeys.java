package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.ProviderName;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The keys each table of {@code perstack.toml} accepts. The loader warns about any other key, and a
 * test holds the JSON Schema of {@code perstack schema} to exactly these sets.
 */
public final class KnownKeys {
  private KnownKeys() {}

  public static final Set<String> TOP_LEVEL =
      Set.of(
          "model",
          "reasoningBudget",
          "runtime",
          "maxSteps",
          "maxRetries",
          "timeout",
          "envPath",
          "provider",
          "experts",
          "perstackApiBaseUrl",
          "perstackBaseSkillCommand");

  /** Top-level keys that Perstack's own examples put in {@code [provider]}; accepted there. */
  public static final Set<String> MISPLACED_IN_PROVIDER =
      Set.of("model", "maxSteps", "maxRetries", "timeout", "reasoningBudget", "envPath");

  public static final Set<String> PROVIDER = Set.of("providerName", "setting");

  public static final Map<ProviderName, Set<String>> PROVIDER_SETTINGS = providerSettings();

  public static final Set<String> EXPERT =
      Set.of(
          "version",
          "minRuntimeVersion",
          "description",
          "instruction",
          "skills",
          "delegates",
          "tags",
          "providerTools",
          "providerSkills",
          "providerToolOptions");

  public static final Set<String> STDIO_SKILL =
      Set.of(
          "type",
          "description",
          "rule",
          "pick",
          "omit",
          "command",
          "packageName",
          "args",
          "requiredEnv",
          "allowedDomains",
          "lazyInit");

  public static final Set<String> SSE_SKILL =
      Set.of("type", "description", "rule", "pick", "omit", "endpoint", "allowedDomains");

  public static final Set<String> INTERACTIVE_SKILL =
      Set.of("type", "description", "rule", "tools");

  public static final Set<String> INTERACTIVE_TOOL = Set.of("description", "inputJsonSchema");

  public static final Set<String> PROVIDER_TOOL_OPTIONS =
      Set.of("webSearch", "webFetch", "fileSearch");

  public static final Set<String> WEB_SEARCH_OPTIONS = Set.of("maxUses", "allowedDomains");

  public static final Set<String> WEB_FETCH_OPTIONS = Set.of("maxUses");

  public static final Set<String> FILE_SEARCH_OPTIONS = Set.of("vectorStoreIds", "maxNumResults");

  public static final Set<String> BUILTIN_PROVIDER_SKILL = Set.of("type", "skillId");

  public static final Set<String> CUSTOM_PROVIDER_SKILL = Set.of("type", "name", "definition");

  private static Map<ProviderName, Set<String>> providerSettings() {
    Map<ProviderName, Set<String>> settings = new EnumMap<>(ProviderName.class);
    settings.put(ProviderName.ANTHROPIC, Set.of("baseUrl", "headers"));
    settings.put(ProviderName.GOOGLE, Set.of("baseUrl", "headers"));
    settings.put(ProviderName.DEEPSEEK, Set.of("baseUrl", "headers"));
    settings.put(
        ProviderName.OPENAI, Set.of("baseUrl", "organization", "project", "name", "headers"));
    settings.put(ProviderName.OLLAMA, Set.of("baseUrl", "headers"));
    settings.put(
        ProviderName.AZURE_OPENAI,
        Set.of("resourceName", "apiVersion", "baseUrl", "headers", "useDeploymentBasedUrls"));
    settings.put(ProviderName.AMAZON_BEDROCK, Set.of("region"));
    settings.put(ProviderName.GOOGLE_VERTEX, Set.of("project", "location", "baseUrl", "headers"));
    return Map.copyOf(settings);
  }
}

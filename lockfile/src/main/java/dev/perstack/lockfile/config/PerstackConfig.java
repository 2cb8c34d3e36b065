package dev.perstack.lockfile.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, valid {@code perstack.toml} with the reference's defaults applied.
 *
 * @param source the file it was read from
 * @param timeoutMillis the per-generation timeout
 * @param envPath dotenv files, relative to the file's directory unless absolute
 * @param experts by key, in the order written
 */
public record PerstackConfig(
    Path source,
    String model,
    ReasoningBudget reasoningBudget,
    RuntimeName runtime,
    int maxSteps,
    int maxRetries,
    long timeoutMillis,
    List<String> envPath,
    ProviderConfig provider,
    Optional<String> perstackApiBaseUrl,
    Map<String, ExpertDefinition> experts) {

  public static final String DEFAULT_MODEL = "claude-sonnet-4-5";
  public static final int DEFAULT_MAX_STEPS = 100;
  public static final int DEFAULT_MAX_RETRIES = 5;
  public static final long DEFAULT_TIMEOUT_MILLIS = 300_000L;
  public static final List<String> DEFAULT_ENV_PATH = List.of(".env", ".env.local");

  public PerstackConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(reasoningBudget, "reasoningBudget");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(perstackApiBaseUrl, "perstackApiBaseUrl");
    if (maxSteps < 1 || maxRetries < 0 || timeoutMillis < 1) {
      throw new IllegalArgumentException(
          "maxSteps >= 1, maxRetries >= 0 and timeout >= 1 are required");
    }
    envPath = List.copyOf(envPath);
    experts = Collections.unmodifiableMap(new LinkedHashMap<>(experts));
  }

  /** The expert with this key, if defined. */
  public Optional<ExpertDefinition> expert(String key) {
    return Optional.ofNullable(experts.get(key));
  }
}

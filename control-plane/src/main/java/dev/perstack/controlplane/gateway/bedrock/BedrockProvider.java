package dev.perstack.controlplane.gateway.bedrock;

import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.ProviderCall;
import dev.perstack.controlplane.gateway.ProviderException;
import dev.perstack.controlplane.gateway.internal.ProviderErrors;
import dev.perstack.controlplane.gateway.internal.ReasoningBudgets;
import dev.perstack.controlplane.gateway.internal.Settings;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;

/**
 * Amazon Bedrock's ConverseStream API on the AWS SDK's async client, for any model Bedrock serves:
 * credentials {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}
 * (else the SDK's default chain), region from {@code [provider.setting] region} or {@code
 * AWS_REGION}, endpoint from {@code AWS_ENDPOINT_URL_BEDROCK_RUNTIME} when set. Claude models get
 * extended thinking from {@code reasoningBudget}. One client per region, endpoint and credentials
 * is kept; the SDK's own retries are off (the gateway retries).
 */
public final class BedrockProvider implements ModelProvider, AutoCloseable {
  /** Output tokens allowed to a thinking Claude model when the request sets no cap. */
  static final int DEFAULT_MAX_TOKENS = 8192;

  private final Map<ClientKey, BedrockRuntimeAsyncClient> clients = new ConcurrentHashMap<>();

  private record ClientKey(
      String region,
      Optional<String> endpoint,
      Optional<String> accessKey,
      Optional<String> secret,
      Optional<String> sessionToken) {}

  @Override
  public GenerationResponse generate(ProviderCall call, Consumer<GenerationDelta> onDelta)
      throws ProviderException {
    ClientKey key = clientKey(call);
    String where =
        key.endpoint().orElse("https://bedrock-runtime." + key.region() + ".amazonaws.com")
            + "/model/"
            + call.model()
            + "/converse-stream";
    BedrockRuntimeAsyncClient client = clients.computeIfAbsent(key, BedrockProvider::newClient);
    ConverseStreamRequest request = request(call);
    ConverseStreamAccumulator accumulator = new ConverseStreamAccumulator(onDelta);
    ConverseStreamResponseHandler handler =
        ConverseStreamResponseHandler.builder()
            .subscriber(accumulator.visitor())
            .onError(accumulator::fail)
            .build();
    CompletableFuture<Void> done;
    try {
      done = client.converseStream(request, handler);
    } catch (RuntimeException e) {
      throw failure(e, where);
    }
    try {
      done.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      done.cancel(true);
      throw ProviderErrors.timeout(
          "amazon-bedrock", where, "limit " + call.timeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      throw failure(accumulator.failure().orElse(e.getCause()), where);
    } catch (InterruptedException e) {
      done.cancel(true);
      Thread.currentThread().interrupt();
      throw ProviderErrors.from(e, "amazon-bedrock", where);
    }
    if (accumulator.failure().isPresent()) {
      throw failure(accumulator.failure().get(), where);
    }
    return accumulator
        .response()
        .orElseThrow(() -> ProviderErrors.incomplete("amazon-bedrock", where));
  }

  /** The request as it would be sent; visible for request-building tests. */
  static ConverseStreamRequest request(ProviderCall call) {
    ConverseStreamRequest.Builder builder =
        ConverseStreamRequest.builder()
            .modelId(call.model())
            .messages(BedrockMessages.conversation(call.request().messages()))
            .overrideConfiguration(
                AwsRequestOverrideConfiguration.builder().apiCallTimeout(call.timeout()).build());
    var system = BedrockMessages.system(call.request().messages());
    if (!system.isEmpty()) {
      builder.system(system);
    }
    if (!call.request().tools().isEmpty()) {
      builder.toolConfig(BedrockMessages.tools(call.request().tools()));
    }
    OptionalInt budget =
        isClaude(call.model())
            ? ReasoningBudgets.anthropicBudgetTokens(call.request().reasoningBudget())
            : OptionalInt.empty();
    InferenceConfiguration.Builder inference = InferenceConfiguration.builder();
    boolean limited = false;
    if (call.request().maxTokens().isPresent() || budget.isPresent()) {
      long cap = call.request().maxTokens().orElse(DEFAULT_MAX_TOKENS);
      inference.maxTokens((int) Math.min(Integer.MAX_VALUE, cap + budget.orElse(0)));
      limited = true;
    }
    if (limited) {
      builder.inferenceConfig(inference.build());
    }
    if (budget.isPresent()) {
      builder.additionalModelRequestFields(
          Document.mapBuilder()
              .putDocument(
                  "thinking",
                  Document.mapBuilder()
                      .putString("type", "enabled")
                      .putNumber("budget_tokens", budget.getAsInt())
                      .build())
              .build());
    }
    return builder.build();
  }

  private static boolean isClaude(String model) {
    return model.contains("anthropic.claude") || model.startsWith("claude");
  }

  private static ClientKey clientKey(ProviderCall call) throws ProviderException {
    String region =
        Settings.pick(call, call.provider().settings().region(), "AWS_REGION", "AWS_DEFAULT_REGION")
            .orElseThrow(
                () ->
                    ProviderException.configuration(
                        "amazon-bedrock needs a region",
                        "set AWS_REGION or [provider.setting] region"));
    Optional<String> accessKey = call.environment().get("AWS_ACCESS_KEY_ID");
    Optional<String> secret = call.environment().get("AWS_SECRET_ACCESS_KEY");
    if (accessKey.isPresent() != secret.isPresent()) {
      throw ProviderException.configuration(
          "amazon-bedrock has only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
          "set both, or neither to use the AWS SDK's default credentials chain");
    }
    Optional<String> endpoint =
        Settings.pick(
            call, Optional.empty(), "AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL");
    return new ClientKey(
        region, endpoint, accessKey, secret, call.environment().get("AWS_SESSION_TOKEN"));
  }

  private static BedrockRuntimeAsyncClient newClient(ClientKey key) {
    AwsCredentialsProvider credentials;
    if (key.accessKey().isPresent()) {
      credentials =
          StaticCredentialsProvider.create(
              key.sessionToken().isPresent()
                  ? AwsSessionCredentials.create(
                      key.accessKey().get(), key.secret().get(), key.sessionToken().get())
                  : AwsBasicCredentials.create(key.accessKey().get(), key.secret().get()));
    } else {
      credentials = DefaultCredentialsProvider.builder().build();
    }
    BedrockRuntimeAsyncClientBuilder builder =
        BedrockRuntimeAsyncClient.builder()
            .region(Region.of(key.region()))
            .credentialsProvider(credentials)
            // HTTP/1.1: ConverseStream needs no HTTP/2, which plain-http endpoints do not speak.
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1))
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    key.endpoint().ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
    return builder.build();
  }

  private static ProviderException failure(Throwable thrown, String where) {
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof AwsServiceException service) {
        int status = service.statusCode();
        String code =
            service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
        String message =
            service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                ? service.getMessage()
                : service.awsErrorDetails().errorMessage();
        boolean retryable =
            status == 408 || status == 429 || status >= 500 || code.contains("Throttling");
        Optional<Duration> retryAfter =
            service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null
                ? Optional.empty()
                : service
                    .awsErrorDetails()
                    .sdkHttpResponse()
                    .firstMatchingHeader("Retry-After")
                    .flatMap(BedrockProvider::seconds);
        String text = "amazon-bedrock answered HTTP " + status + " " + code + ": " + message;
        return new ProviderException(
            new RunError(
                "APICallError",
                text,
                status > 0 ? OptionalInt.of(status) : OptionalInt.empty(),
                retryable),
            retryAfter,
            text + " — calling " + where);
      }
    }
    return ProviderErrors.from(thrown, "amazon-bedrock", where);
  }

  private static Optional<Duration> seconds(String value) {
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    clients.values().forEach(BedrockRuntimeAsyncClient::close);
    clients.clear();
  }
}

package dev.perstack.controlplane.gateway;

import dev.perstack.controlplane.gateway.internal.Backoff;
import dev.perstack.controlplane.gateway.internal.ProviderErrors;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Answers the agents' generation requests: picks the job's provider, applies the per-generation
 * timeout, retries retryable failures with backoff that honours {@code Retry-After}, normalises
 * every error to a {@link RunError}, counts usage and cost from the provider's answer, and records
 * every exchange. Thread-safe; one instance serves all jobs.
 */
public final class ModelGateway {
  private final ModelProviders providers;
  private final PriceTable prices;
  private final ExchangeRecorder recorder;
  private final GatewayOptions options;
  private final Map<String, JobModel> models = new ConcurrentHashMap<>();
  private final Map<String, JobUsage> usage = new ConcurrentHashMap<>();
  private final Map<String, DigestChain> digests = new ConcurrentHashMap<>();

  public ModelGateway(
      ModelProviders providers,
      PriceTable prices,
      ExchangeRecorder recorder,
      GatewayOptions options) {
    this.providers = Objects.requireNonNull(providers, "providers");
    this.prices = Objects.requireNonNull(prices, "prices");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
    this.options = Objects.requireNonNull(options, "options");
  }

  /** Says which model answers {@code jobId}; call before its first generation. */
  public void bind(String jobId, JobModel model) {
    models.put(Objects.requireNonNull(jobId, "jobId"), Objects.requireNonNull(model, "model"));
    usage.putIfAbsent(jobId, JobUsage.NONE);
    digests.putIfAbsent(jobId, new DigestChain());
  }

  /** Forgets {@code jobId} and returns what it used. */
  public JobUsage release(String jobId) {
    models.remove(jobId);
    digests.remove(jobId);
    recorder.jobEnded(jobId);
    JobUsage used = usage.remove(jobId);
    return used == null ? JobUsage.NONE : used;
  }

  /** What {@code jobId} used so far. */
  public JobUsage usage(String jobId) {
    return usage.getOrDefault(jobId, JobUsage.NONE);
  }

  /**
   * Generates a response for {@code jobId}, streaming text and reasoning to {@code onDelta}.
   *
   * <p>A failure is retried only while nothing has been streamed for the attempt: once deltas went
   * to the agent, a retry here would repeat them, so the error goes to the agent, whose own retry
   * starts its stream afresh.
   *
   * @throws GatewayException with the normalised error once retries are exhausted or useless
   */
  public GenerationResponse generate(
      String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta)
      throws GatewayException {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(onDelta, "onDelta");
    JobModel job = models.get(jobId);
    if (job == null) {
      RunError error =
          new RunError(
              "ConfigurationError",
              "no model is bound to job " + jobId,
              OptionalInt.empty(),
              false);
      throw new GatewayException(
          error,
          0,
          "no model is bound to job "
              + jobId
              + " in the model gateway; call ModelGateway.bind before the job's first generation");
    }
    ModelProvider provider = providers.providerFor(job);
    ProviderCall call =
        new ProviderCall(
            jobId,
            job.provider(),
            job.model(),
            job.environment(),
            request,
            digest(jobId, request),
            job.timeout());
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    ProviderException last = null;
    int attempt = 0;
    while (attempt < options.maxAttempts()) {
      attempt++;
      AtomicBoolean streamed = new AtomicBoolean();
      try {
        GenerationResponse response =
            provider.generate(
                call,
                delta -> {
                  streamed.set(true);
                  onDelta.accept(delta);
                });
        Optional<BigDecimal> cost =
            prices.cost(job.provider().name(), job.model(), response.usage());
        usage.merge(jobId, JobUsage.NONE.plus(response.usage(), cost), ModelGateway::sum);
        record(call, started, startNanos, attempt, Optional.of(response), Optional.empty(), cost);
        return response;
      } catch (ProviderException | RuntimeException thrown) {
        // A provider that throws anything else has a bug; its error is still normalised.
        ProviderException failure =
            thrown instanceof ProviderException known
                ? known
                : ProviderErrors.from(thrown, job.provider().name().word(), job.model());
        last = failure;
        if (!failure.error().isRetryable() || streamed.get() || attempt >= options.maxAttempts()) {
          break;
        }
        Optional<Duration> wait = Backoff.delay(options, attempt, failure.retryAfter());
        if (wait.isEmpty()) {
          break;
        }
        try {
          Thread.sleep(wait.get().toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    RunError error = last.error();
    record(
        call, started, startNanos, attempt, Optional.empty(), Optional.of(error), Optional.empty());
    throw new GatewayException(
        error,
        attempt,
        job.provider().name().word()
            + " model "
            + job.model()
            + " failed after "
            + attempt
            + (attempt == 1 ? " attempt: " : " attempts: ")
            + last.getMessage());
  }

  private String digest(String jobId, GenerationRequest request) {
    DigestChain chain = digests.get(jobId);
    return chain == null ? RequestDigest.of(request) : chain.digest(request);
  }

  private static JobUsage sum(JobUsage a, JobUsage b) {
    return new JobUsage(
        a.usage().plus(b.usage()),
        a.costUsd().isPresent() && b.costUsd().isPresent()
            ? Optional.of(a.costUsd().get().add(b.costUsd().get()))
            : Optional.empty(),
        a.generations() + b.generations());
  }

  private void record(
      ProviderCall call,
      Instant started,
      long startNanos,
      int attempts,
      Optional<GenerationResponse> response,
      Optional<RunError> error,
      Optional<BigDecimal> cost)
      throws GatewayException {
    Exchange exchange =
        new Exchange(
            call.jobId(),
            call.provider().name().word(),
            call.model(),
            call.requestDigest(),
            call.request(),
            started,
            Duration.ofNanos(System.nanoTime() - startNanos).toMillis(),
            attempts,
            response,
            error,
            cost,
            prices.version());
    try {
      recorder.record(exchange);
    } catch (IOException | RuntimeException e) {
      RunError failure =
          new RunError(
              "RecorderError",
              "the exchange could not be recorded: " + e.getMessage(),
              OptionalInt.empty(),
              false);
      throw new GatewayException(
          failure,
          attempts,
          "recording the exchange of job "
              + call.jobId()
              + " failed ("
              + e
              + "); check the recorder's file system and permissions");
    }
  }
}

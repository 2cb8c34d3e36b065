package dev.perstack.controlplane.gateway.langchain4j;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.perstack.controlplane.gateway.ModelProvider;
import dev.perstack.controlplane.gateway.ProviderCall;
import dev.perstack.controlplane.gateway.ProviderException;
import dev.perstack.controlplane.gateway.internal.ProviderErrors;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs one generation on a langchain4j streaming chat model built for the call: maps the request,
 * forwards text and thinking deltas as they arrive, waits at most the call's timeout (cancelling
 * the stream past it), and maps the answer or the failure. The model's raw {@code ChatResponse},
 * which holds every SSE event, is dropped as soon as it is mapped.
 */
public final class Lc4jModelProvider implements ModelProvider {
  private final String provider;
  private final ModelFactory factory;

  /** Builds the model and describes the endpoint for one call. */
  @FunctionalInterface
  interface ModelFactory {
    Target create(ProviderCall call) throws ProviderException;
  }

  /**
   * A model ready for one call.
   *
   * @param endpoint where it calls, for error messages; never with credentials
   * @param richToolResults whether tool results may carry images
   */
  record Target(
      StreamingChatModel model,
      String endpoint,
      Lc4jSchemas.Mode schemas,
      boolean richToolResults) {
    Target {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(schemas, "schemas");
    }
  }

  Lc4jModelProvider(String provider, ModelFactory factory) {
    this.provider = provider;
    this.factory = factory;
  }

  @Override
  public GenerationResponse generate(ProviderCall call, Consumer<GenerationDelta> onDelta)
      throws ProviderException {
    Target target = factory.create(call);
    ChatRequest.Builder request =
        ChatRequest.builder()
            .messages(
                Lc4jMessages.toChatMessages(call.request().messages(), target.richToolResults()));
    if (!call.request().tools().isEmpty()) {
      request.toolSpecifications(
          Lc4jSchemas.toolSpecifications(call.request().tools(), target.schemas()));
    }
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    AtomicReference<StreamingHandle> handle = new AtomicReference<>();
    StreamingChatResponseHandler handler =
        new StreamingChatResponseHandler() {
          @Override
          public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            handle.compareAndSet(null, context.streamingHandle());
            forward(GenerationDelta.Kind.TEXT, partial.text());
          }

          @Override
          public void onPartialThinking(PartialThinking partial, PartialThinkingContext context) {
            handle.compareAndSet(null, context.streamingHandle());
            forward(GenerationDelta.Kind.REASONING, partial.text());
          }

          private void forward(GenerationDelta.Kind kind, String text) {
            if (text == null || text.isEmpty() || done.isDone()) {
              return;
            }
            try {
              onDelta.accept(new GenerationDelta(kind, text));
            } catch (RuntimeException e) {
              done.completeExceptionally(e);
              cancel(handle);
            }
          }

          @Override
          public void onCompleteResponse(ChatResponse response) {
            done.complete(response);
          }

          @Override
          public void onError(Throwable error) {
            done.completeExceptionally(error);
          }
        };
    try {
      target.model().chat(request.build(), handler);
    } catch (RuntimeException e) {
      throw ProviderErrors.from(e, provider, target.endpoint());
    }
    ChatResponse response;
    try {
      response = done.get(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      cancel(handle);
      throw ProviderErrors.timeout(
          provider, target.endpoint(), "limit " + call.timeout().toMillis() + " ms");
    } catch (ExecutionException e) {
      throw ProviderErrors.from(e.getCause(), provider, target.endpoint());
    } catch (InterruptedException e) {
      cancel(handle);
      Thread.currentThread().interrupt();
      throw ProviderErrors.from(e, provider, target.endpoint());
    }
    if (response.finishReason() == null) {
      throw ProviderErrors.incomplete(provider, target.endpoint());
    }
    return Lc4jResponses.toGenerationResponse(response);
  }

  private static void cancel(AtomicReference<StreamingHandle> handle) {
    StreamingHandle current = handle.get();
    if (current != null) {
      try {
        current.cancel();
      } catch (RuntimeException ignored) {
        // The stream is abandoned either way.
      }
    }
  }
}

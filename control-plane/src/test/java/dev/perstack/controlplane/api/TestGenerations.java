package dev.perstack.controlplane.api;

import dev.perstack.controlplane.socket.GenerationHandler;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.Usage;
import io.quarkus.test.Mock;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** Replaces the model gateway in API tests: every generation answers with a short text. */
@Mock
@Singleton
public class TestGenerations implements GenerationHandler {
  @Override
  public GenerationResponse generate(
      String jobId, GenerationRequest request, Consumer<GenerationDelta> onDelta) {
    onDelta.accept(new GenerationDelta(GenerationDelta.Kind.TEXT, "Hello "));
    onDelta.accept(new GenerationDelta(GenerationDelta.Kind.TEXT, "from the test model."));
    return new GenerationResponse(
        List.of(new TextPart(UUID.randomUUID().toString(), "Hello from the test model.")),
        FinishReason.STOP,
        new Usage(3, 5, 0, 8, 0));
  }
}

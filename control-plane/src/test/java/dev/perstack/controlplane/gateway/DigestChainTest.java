package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCallPart;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DigestChainTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  /** A run's requests: each step adds a tool call and its result to the conversation. */
  private static List<GenerationRequest> run(int steps) {
    List<GenerationRequest> requests = new ArrayList<>();
    GenerationRequest request =
        Requests.request(
            List.of(Requests.instruction("Write."), Requests.user("go")),
            List.of(Requests.writeTool()));
    requests.add(request);
    for (int step = 1; step < steps; step++) {
      ToolCallPart call =
          new ToolCallPart(
              Requests.id(),
              "call_" + step,
              "writeTextFile",
              Requests.json("{\"path\":\"file-" + step + ".md\"}"));
      request = Requests.afterToolCall(request, List.of(call), "wrote " + step);
      requests.add(request);
    }
    return requests;
  }

  private static GenerationRequest withMessages(GenerationRequest r, List<Message> messages) {
    return new GenerationRequest(
        r.expertKey(), messages, r.tools(), r.reasoningBudget(), r.maxTokens());
  }

  @Nested
  class GivesTheDigestOfTheWholeRequest {
    @Test
    void forEachStepOfAGrowingConversation() {
      DigestChain chain = new DigestChain();

      for (GenerationRequest request : run(12)) {
        assertThat(chain.digest(request)).isEqualTo(RequestDigest.of(request));
      }
    }

    @Test
    void whenTheMessagesAreEqualButNotTheSameInstances() throws Exception {
      DigestChain chain = new DigestChain();
      List<GenerationRequest> requests = run(4);
      chain.digest(requests.get(2));
      // Decoded again (a version-1 agent sends every message in full): equal, not identical.
      GenerationRequest copy = CODEC.decode(CODEC.encode(requests.get(3)), GenerationRequest.class);

      assertThat(copy.messages().get(0)).isNotSameAs(requests.get(3).messages().get(0));
      assertThat(chain.digest(copy)).isEqualTo(RequestDigest.of(requests.get(3)));
    }

    @Test
    void whenARequestDoesNotExtendTheOneBefore() {
      DigestChain chain = new DigestChain();
      List<GenerationRequest> parent = run(5);
      List<GenerationRequest> delegate = run(3);
      chain.digest(parent.get(3));

      // Another run's conversation, a shorter one, then a changed message.
      assertThat(chain.digest(delegate.get(2))).isEqualTo(RequestDigest.of(delegate.get(2)));
      assertThat(chain.digest(parent.get(1))).isEqualTo(RequestDigest.of(parent.get(1)));
      List<Message> changed = new ArrayList<>(parent.get(4).messages());
      changed.set(1, Requests.user("stop"));
      GenerationRequest edited = withMessages(parent.get(4), changed);
      assertThat(chain.digest(edited)).isEqualTo(RequestDigest.of(edited));
    }

    @Test
    void whenWhatComesBeforeOrAfterTheMessagesChanges() {
      DigestChain chain = new DigestChain();
      List<GenerationRequest> requests = run(4);
      chain.digest(requests.get(1));
      GenerationRequest capped =
          new GenerationRequest(
              "other-expert",
              requests.get(2).messages(),
              List.of(),
              new ReasoningBudget.Level(ReasoningBudget.LevelName.HIGH),
              OptionalLong.of(512));

      assertThat(chain.digest(capped)).isEqualTo(RequestDigest.of(capped));
      assertThat(chain.digest(requests.get(3))).isEqualTo(RequestDigest.of(requests.get(3)));
    }

    @Test
    void forTheSameRequestAgain() {
      DigestChain chain = new DigestChain();
      GenerationRequest request = run(3).get(2);

      assertThat(chain.digest(request)).isEqualTo(chain.digest(request));
      assertThat(chain.digest(request)).isEqualTo(RequestDigest.of(request));
    }
  }
}

package dev.perstack.controlplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.ReasoningBudget;
import dev.perstack.protocol.message.ToolCallPart;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestDigestTest {
  @Test
  void theSameConversationHasTheSameDigestWhateverItsIds() {
    GenerationRequest a = Requests.ask("Hello");
    GenerationRequest b = Requests.ask("Hello");

    assertThat(a.messages().get(0).id()).isNotEqualTo(b.messages().get(0).id());
    assertThat(RequestDigest.of(a))
        .isEqualTo(RequestDigest.of(b))
        .startsWith("sha256:")
        .hasSize(71);
  }

  @Test
  void toolResultIdsDoNotMatterButToolCallIdsDo() {
    GenerationRequest first =
        Requests.request(List.of(Requests.user("go")), List.of(Requests.writeTool()));
    ToolCallPart call =
        new ToolCallPart(
            Requests.id(), "call_1", "writeTextFile", Requests.json("{\"path\":\"a\"}"));
    ToolCallPart otherCall =
        new ToolCallPart(
            Requests.id(), "call_2", "writeTextFile", Requests.json("{\"path\":\"a\"}"));

    String one = RequestDigest.of(Requests.afterToolCall(first, List.of(call), "ok"));
    String again = RequestDigest.of(Requests.afterToolCall(first, List.of(call), "ok"));
    String other = RequestDigest.of(Requests.afterToolCall(first, List.of(otherCall), "ok"));

    assertThat(one).isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void contentToolsAndBudgetChangeTheDigest() {
    GenerationRequest base = Requests.ask("Hello");

    assertThat(RequestDigest.of(Requests.ask("Hello!"))).isNotEqualTo(RequestDigest.of(base));
    assertThat(
            RequestDigest.of(
                Requests.withBudget(
                    base, new ReasoningBudget.Level(ReasoningBudget.LevelName.HIGH))))
        .isNotEqualTo(RequestDigest.of(base));
    assertThat(RequestDigest.of(Requests.request(base.messages(), List.of(Requests.writeTool()))))
        .isNotEqualTo(RequestDigest.of(base));
  }

  @Test
  void theCanonicalFormSortsKeysAndDropsOnlyMessageAndPartIds() {
    GenerationRequest request =
        Requests.request(List.of(Requests.user("hi")), List.of(Requests.writeTool()));

    String canonical = RequestDigest.canonicalJson(request);

    assertThat(canonical).doesNotContain(request.messages().get(0).id());
    assertThat(canonical.indexOf("\"expertKey\"")).isLessThan(canonical.indexOf("\"messages\""));
    assertThat(canonical.indexOf("\"messages\"")).isLessThan(canonical.indexOf("\"tools\""));
    // Inside the tool schema, properties keep their names (even one called "id" would stay).
    assertThat(canonical).contains("\"additionalProperties\":false");
    assertThat(canonical).contains("\"type\":\"userMessage\"");
    assertThat(Optional.of(canonical)).isPresent();
  }
}

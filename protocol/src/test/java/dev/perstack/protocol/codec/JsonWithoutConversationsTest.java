package dev.perstack.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.protocol.Fixtures;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.StartGeneration;
import dev.perstack.protocol.generation.GenerationRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonWithoutConversationsTest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper PLAIN = new ObjectMapper();

  static Stream<PerstackEvent> everyEvent() {
    return Fixtures.everyEvent().stream();
  }

  /** The JSON of each message of each list under a "messages" key, in document order. */
  private static List<List<String>> conversations(JsonNode node) {
    List<List<String>> found = new ArrayList<>();
    collect(node, found);
    return found;
  }

  private static void collect(JsonNode node, List<List<String>> found) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().equals("messages") && field.getValue().isArray()) {
          List<String> messages = new ArrayList<>();
          field.getValue().forEach(m -> messages.add(m.toString()));
          found.add(messages);
        } else {
          collect(field.getValue(), found);
        }
      }
    } else if (node.isArray()) {
      node.forEach(element -> collect(element, found));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyEvent")
  void theBodyWithItsConversationsPutBackIsExactlyTheEventsJson(PerstackEvent event)
      throws Exception {
    String json = CODEC.encodeEvent(event);
    List<List<String>> conversations = conversations(PLAIN.readTree(json));

    JsonWithoutConversations compacted = CODEC.encodeEventWithoutConversations(event);

    assertThat(compacted.offsets()).hasSameSizeAs(conversations);
    assertThat(compacted.withConversations(conversations)).isEqualTo(json);
    assertThat(PLAIN.readTree(compacted.body())).isNotNull();
  }

  @Test
  void otherMessageListsStayInTheBody() {
    PerstackEvent withStep =
        Fixtures.everyEvent().stream()
            .filter(e -> e.type().equals("continueToNextStep"))
            .findFirst()
            .orElseThrow();

    String body = CODEC.encodeEventWithoutConversations(withStep).body();

    assertThat(body).contains("\"newMessages\":[{\"type\":\"expertMessage\"");
    assertThat(body).contains("\"checkpoint\":{").contains("\"messages\":[]");
  }

  @Test
  void aRequestWithItsConversationPutBackIsExactlyItsJson() throws Exception {
    GenerationRequest request = Fixtures.generationRequest();
    String json = CODEC.encode(request);

    JsonWithoutConversations compacted = CODEC.encodeRequestWithoutConversations(request);

    assertThat(compacted.offsets()).hasSize(1);
    assertThat(compacted.body()).contains("\"messages\":[]").contains("\"tools\":[{");
    assertThat(compacted.withConversations(conversations(PLAIN.readTree(json)))).isEqualTo(json);
  }

  @Test
  void theWrongNumberOfConversationsIsRefused() {
    StartGeneration start =
        new StartGeneration(
            "e-1",
            Fixtures.EXPERT,
            Fixtures.T,
            Fixtures.JOB,
            Fixtures.RUN,
            1,
            Fixtures.conversation());

    JsonWithoutConversations compacted = CODEC.encodeEventWithoutConversations(start);

    assertThatThrownBy(() -> compacted.withConversations(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 conversations, not 0");
  }
}

package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the store cuts conversations out of events' JSON and puts them back. */
class JobStoreEventBodiesTest {
  @Nested
  class Encoding {
    private final ProtocolCodec codec = ProtocolCodec.create();

    @Test
    void everyEventOfARunIsItsOwnJsonWithItsConversationsCutOutWhole() {
      SampleRun run = new SampleRun("job-bodies", 4, true);
      for (PerstackEvent event : run.events) {
        EncodedEvent encoded = EncodedEvent.of(codec, event, this::encodeEach);

        assertThat(encoded.json().text()).as(event.type()).isEqualTo(codec.encodeEvent(event));
        assertThat(encoded.conversations()).isEqualTo(nonEmpty(EventConversations.of(event)));
        encoded
            .compacted()
            .ifPresent(
                compacted -> {
                  assertThat(compacted.body()).doesNotContain("\"messages\":[{");
                  List<EventBodies.Ref> refs = new ArrayList<>();
                  for (EventBodies.Cut cut : compacted.cuts()) {
                    refs.add(new EventBodies.Ref(cut.offset(), refs.size(), cut.messages().size()));
                  }
                  assertThat(
                          EventBodies.expand(
                              compacted.body(),
                              refs,
                              ref -> compacted.cuts().get((int) ref.lastMessageSeq()).messages()))
                      .isEqualTo(encoded.json().text());
                });
      }
    }

    @Test
    void anEventWithoutConversationsIsKeptWhole() {
      PerstackEvent stderr = Samples.stderr("job-bodies", 1);

      EncodedEvent encoded = EncodedEvent.of(codec, stderr, this::encodeEach);

      assertThat(encoded.compacted()).isEmpty();
      assertThat(encoded.json().text()).isEqualTo(codec.encodeEvent(stderr));
    }

    @Test
    void messagesComeFromTheCacheNotFromEncodingTheEventAgain() {
      SampleRun run = new SampleRun("job-bodies", 2, false);
      PerstackEvent withConversation =
          run.events.stream()
              .filter(e -> !EventConversations.of(e).isEmpty())
              .findFirst()
              .orElseThrow();

      EncodedEvent encoded =
          EncodedEvent.of(
              codec,
              withConversation,
              conversation ->
                  conversation.stream().map(m -> "{\"cached\":\"" + m.id() + "\"}").toList());

      assertThat(encoded.json().text()).contains("{\"cached\":\"");
    }

    private List<String> encodeEach(List<? extends Message> conversation) {
      return conversation.stream().map(codec::encode).toList();
    }

    private List<List<? extends Message>> nonEmpty(List<List<? extends Message>> conversations) {
      return conversations.stream().filter(c -> !c.isEmpty()).toList();
    }
  }

  @Nested
  class References {
    @Test
    void roundTripThroughTheirColumn() {
      List<EventBodies.Ref> refs =
          List.of(new EventBodies.Ref(12, 345, 6), new EventBodies.Ref(78, 9, 10));

      assertThat(EventBodies.parse(EventBodies.format(refs))).isEqualTo(refs);
      assertThat(EventBodies.parse(null)).isEmpty();
      assertThat(Map.of("refs", EventBodies.format(refs))).containsValue("12:345:6;78:9:10");
    }

    @Test
    void thatAreMalformedAreAClearError() {
      assertThatThrownBy(() -> EventBodies.parse("12:345"))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("malformed message reference: 12:345");
    }
  }
}

package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** How the store cuts conversations out of events' JSON and puts them back. */
class JobStoreEventBodiesTest {
  static final String A = "{\"type\":\"userMessage\",\"id\":\"m-1\"}";
  static final String B = "{\"type\":\"expertMessage\",\"id\":\"m-2\"}";
  static final String EVENT =
      "{\"type\":\"continueToNextStep\",\"checkpoint\":{\"id\":\"cp-1\",\"messages\":["
          + A
          + ","
          + B
          + "],\"n\":1},\"nextCheckpoint\":{\"messages\":["
          + A
          + ","
          + B
          + "]}}";

  @Nested
  class Cutting {
    @Test
    void leavesValidJsonWithEmptyArraysAndPutsTheConversationsBackExactly() {
      EventBodies.Compacted compacted =
          EventBodies.cut(EVENT, List.of(List.of(A, B), List.of(A, B))).orElseThrow();

      assertThat(compacted.body())
          .isEqualTo(
              "{\"type\":\"continueToNextStep\",\"checkpoint\":{\"id\":\"cp-1\",\"messages\":[],"
                  + "\"n\":1},\"nextCheckpoint\":{\"messages\":[]}}");
      List<EventBodies.Ref> refs =
          List.of(
              new EventBodies.Ref(compacted.cuts().get(0).offset(), 7, 2),
              new EventBodies.Ref(compacted.cuts().get(1).offset(), 7, 2));
      assertThat(EventBodies.expand(compacted.body(), refs, ref -> List.of(A, B))).isEqualTo(EVENT);
    }

    @Test
    void givesUpWhenAConversationIsNotWhereItShouldBe() {
      assertThat(EventBodies.cut(EVENT, List.of(List.of(B, A)))).isEmpty();
      assertThat(EventBodies.cut(EVENT, List.of(List.of(A, B), List.of(A)))).isEmpty();
    }

    @Test
    void hasNothingToCutFromAnEventWithoutConversations() {
      assertThat(EventBodies.cut("{\"type\":\"skillStderr\"}", List.of())).isEmpty();
      assertThat(EventBodies.cut(EVENT, List.of(List.of()))).isEmpty();
    }

    @Test
    void cutsOnlyWholeArraysSoAQuotedLookalikeIsNeverTouched() {
      String lookalike = "{\"text\":\"\\\"messages\\\":[" + A.replace("\"", "\\\"") + "]\"}";

      assertThat(EventBodies.cut(lookalike, List.of(List.of(A)))).isEmpty();
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

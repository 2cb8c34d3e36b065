package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RecentConversationsTest {
  /** A stored conversation of messages whose ids are the given letters and bodies "{id}". */
  private static Conversation stored(String... ids) {
    List<String> bodies = List.of(ids).stream().map(id -> "{" + id + "}").toList();
    long[] seqs = LongStream.rangeClosed(1, ids.length).toArray();
    return new Conversation("job-r", List.of(ids), List.of(), bodies, seqs);
  }

  private static RecentConversations.Prefix longest(
      RecentConversations recent, List<Conversation> uncommitted, String... ids) {
    List<String> bodies = List.of(ids).stream().map(id -> "{" + id + "}").toList();
    return recent.longestPrefix("job-r", List.of(ids), bodies, uncommitted).orElseThrow();
  }

  @Test
  void theLongestPrefixWinsWhicheverConversationWasRememberedLast() {
    RecentConversations recent = new RecentConversations(8, 4);
    Conversation whole = stored("a", "b", "c", "d");
    recent.remember(whole);
    recent.remember(stored("a", "b"));

    RecentConversations.Prefix prefix = longest(recent, List.of(), "a", "b", "c", "x");

    assertThat(prefix.conversation()).isSameAs(whole);
    assertThat(prefix.length()).isEqualTo(3);
  }

  @Test
  void aConversationNotCommittedYetCountsForTheTransactionThatStoredIt() {
    RecentConversations recent = new RecentConversations(8, 4);
    recent.remember(stored("a", "b"));
    Conversation uncommitted = stored("a", "b", "c", "d", "e");

    RecentConversations.Prefix prefix =
        longest(recent, List.of(uncommitted), "a", "b", "c", "d", "e", "f");

    assertThat(prefix.conversation()).isSameAs(uncommitted);
    assertThat(prefix.length()).isEqualTo(5);
    assertThat(recent.longestPrefix("job-r", List.of("z"), List.of("{z}"), List.of())).isEmpty();
  }

  @Test
  void aMessageWithTheSameIdButOtherContentEndsThePrefix() {
    RecentConversations recent = new RecentConversations(8, 4);
    recent.remember(stored("a", "b", "c"));

    RecentConversations.Prefix prefix =
        recent
            .longestPrefix("job-r", List.of("a", "b", "c"), List.of("{a}", "{B}", "{c}"), List.of())
            .orElseThrow();

    assertThat(prefix.length()).isEqualTo(1);
  }
}

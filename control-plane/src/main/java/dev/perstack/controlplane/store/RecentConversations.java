package dev.perstack.controlplane.store;

import dev.perstack.protocol.message.Message;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last few conversations stored or read per job, for the jobs used most recently. A run's next
 * conversation extends one of them, so storing it needs the database only for its new messages, and
 * reading recent events back needs no walk of the message chain. Stored messages never change, so
 * what is remembered stays true; only committed conversations are remembered.
 */
final class RecentConversations {
  private final int jobs;
  private final int perJob;
  private final Map<String, Deque<Conversation>> byJob;

  RecentConversations(int jobs, int perJob) {
    this.jobs = jobs;
    this.perJob = perJob;
    this.byJob =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Deque<Conversation>> eldest) {
            return size() > RecentConversations.this.jobs;
          }
        };
  }

  /** Remembers {@code conversation} as the job's most recent one. */
  synchronized void remember(Conversation conversation) {
    if (conversation.size() == 0) {
      return;
    }
    Deque<Conversation> recent =
        byJob.computeIfAbsent(conversation.jobId(), j -> new ArrayDeque<>());
    recent.removeIf(c -> c.last() == conversation.last());
    recent.addFirst(conversation);
    while (recent.size() > perJob) {
      recent.removeLast();
    }
  }

  /**
   * The remembered conversation, or one of {@code uncommitted}, whose messages' JSON starts the
   * most of {@code bodies}.
   */
  Optional<Prefix> longestPrefix(
      String jobId, List<String> ids, List<String> bodies, List<Conversation> uncommitted) {
    return longest(
        jobId,
        uncommitted,
        (known, i) ->
            known.ids().get(i).equals(ids.get(i)) && known.bodies().get(i).equals(bodies.get(i)),
        ids.size());
  }

  /**
   * The remembered conversation, or one of {@code uncommitted}, whose messages start the most of
   * {@code messages}.
   */
  Optional<Prefix> longestPrefix(
      String jobId, List<? extends Message> messages, List<Conversation> uncommitted) {
    return longest(
        jobId,
        uncommitted,
        (known, i) ->
            i < known.messages().size() && known.messages().get(i).equals(messages.get(i)),
        messages.size());
  }

  /** Whether the {@code i}th message of a remembered conversation is the one asked about. */
  @FunctionalInterface
  private interface SameAt {
    boolean test(Conversation known, int i);
  }

  private Optional<Prefix> longest(
      String jobId, List<Conversation> uncommitted, SameAt same, int size) {
    Prefix best = null;
    List<Conversation> candidates = new ArrayList<>(snapshot(jobId));
    candidates.addAll(uncommitted);
    // Longest first: the one the asked conversation extends usually is, and shorter ones are
    // skipped.
    candidates.sort(Comparator.comparingInt(Conversation::size).reversed());
    for (Conversation known : candidates) {
      int n = Math.min(known.size(), size);
      if (best != null && n <= best.length()) {
        continue; // cannot start more of them than the best so far
      }
      int i = 0;
      while (i < n && same.test(known, i)) {
        i++;
      }
      if (i > 0 && (best == null || i > best.length())) {
        best = new Prefix(known, i);
      }
    }
    return Optional.ofNullable(best);
  }

  /** The JSON of the conversation ending at message {@code lastSeq}, when it is remembered. */
  Optional<List<String>> bodies(String jobId, long lastSeq, int count) {
    for (Conversation known : snapshot(jobId)) {
      if (count <= known.size() && count > 0 && known.seqs()[count - 1] == lastSeq) {
        return Optional.of(known.bodies().subList(0, count));
      }
    }
    return Optional.empty();
  }

  private synchronized List<Conversation> snapshot(String jobId) {
    Deque<Conversation> recent = byJob.get(jobId);
    return recent == null ? List.of() : List.copyOf(recent);
  }

  /** The first {@code length} messages of a remembered conversation. */
  record Prefix(Conversation conversation, int length) {}
}

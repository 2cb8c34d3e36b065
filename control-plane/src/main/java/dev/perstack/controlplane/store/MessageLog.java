package dev.perstack.controlplane.store;

import dev.perstack.controlplane.store.LogWrites.Counters;
import dev.perstack.controlplane.store.LogWrites.NewMessage;
import dev.perstack.controlplane.store.LogWrites.NodeKey;
import dev.perstack.protocol.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A job's messages, each stored once as a node of the job's conversation tree. A conversation (a
 * checkpoint's or an event's message list) is named by its last node; storing one adds only the
 * nodes its stored prefix lacks. Callers hold the job's lock, pass the conversations their
 * transaction stored so far (its later writes build on them), and call {@link #remember} with them
 * once it has committed.
 */
final class MessageLog {
  private final RecentConversations recent = new RecentConversations(256, 4);
  private final Function<Message, String> encoder;

  /**
   * @param encoder a message's JSON, exactly as the codec writes it inside events and checkpoints
   */
  MessageLog(Function<Message, String> encoder) {
    this.encoder = encoder;
  }

  /**
   * The JSON of each message. A run sends its whole conversation again and again, so the messages a
   * recent conversation of the job already had are not encoded again.
   */
  List<String> encode(
      String jobId, List<? extends Message> messages, List<Conversation> uncommitted) {
    List<String> bodies = new ArrayList<>(messages.size());
    Optional<RecentConversations.Prefix> known = recent.longestPrefix(jobId, messages, uncommitted);
    int i = 0;
    if (known.isPresent()) {
      for (; i < known.get().length(); i++) {
        bodies.add(known.get().conversation().bodies().get(i));
      }
    }
    for (; i < messages.size(); i++) {
      bodies.add(encoder.apply(messages.get(i)));
    }
    return bodies;
  }

  /**
   * Stores the conversation's messages that are not stored yet, numbering them from the job's
   * counters (which the caller has locked), and adds it to {@code uncommitted}.
   *
   * @param bodies each message's JSON, from {@link #encode}
   * @param uncommitted the conversations the caller's transaction stored so far
   */
  Conversation store(
      Connection c,
      Counters counters,
      List<? extends Message> messages,
      List<String> bodies,
      List<Conversation> uncommitted)
      throws SQLException {
    String jobId = counters.jobId;
    List<String> ids = messages.stream().map(Message::id).toList();
    List<String> kept = new ArrayList<>(bodies);
    long[] seqs = new long[messages.size()];
    int i = 0;
    Optional<RecentConversations.Prefix> known =
        recent.longestPrefix(jobId, ids, bodies, uncommitted);
    if (known.isPresent()) {
      Conversation prefix = known.get().conversation();
      for (; i < known.get().length(); i++) {
        seqs[i] = prefix.seqs()[i];
        kept.set(i, prefix.bodies().get(i)); // one String per message, however often it is sent
      }
    }
    if (i < messages.size()) {
      // Not known to be stored: ask the database, then add what it lacks.
      int from = i;
      List<String> digests = new ArrayList<>();
      for (int j = from; j < messages.size(); j++) {
        digests.add(digest(bodies.get(j)));
      }
      long previous = from == 0 ? 0 : seqs[from - 1];
      // A node exists only after the one before it: if the first is not stored, none of the rest
      // is, and one point query on the unique key answers what the look-up by ids would.
      Map<NodeKey, Long> stored =
          LogWrites.exists(c, jobId, new NodeKey(ids.get(from), previous, digests.get(0)))
              ? LogWrites.lookUp(
                  c, jobId, new ArrayList<>(new LinkedHashSet<>(ids.subList(from, ids.size()))))
              : Map.of();
      for (; i < messages.size(); i++) {
        Long seq = stored.get(new NodeKey(ids.get(i), previous, digests.get(i - from)));
        if (seq == null) {
          break;
        }
        seqs[i] = previous = seq;
      }
      List<NewMessage> added = new ArrayList<>();
      for (; i < messages.size(); i++) {
        long seq = ++counters.lastMessage;
        added.add(
            new NewMessage(
                seq,
                ids.get(i),
                previous,
                i,
                messages.get(i).type(),
                digests.get(i - from),
                bodies.get(i)));
        seqs[i] = previous = seq;
      }
      LogWrites.insertMessages(c, jobId, added);
    }
    Conversation conversation = new Conversation(jobId, ids, messages, kept, seqs);
    if (conversation.size() > 0) {
      uncommitted.add(conversation);
    }
    return conversation;
  }

  /** Remembers conversations whose transaction has committed, to store their successors fast. */
  void remember(List<Conversation> committed) {
    committed.forEach(recent::remember);
  }

  /** The JSON of a conversation's messages, first to last. */
  List<String> conversation(Connection c, String jobId, long lastSeq, int count)
      throws SQLException {
    if (lastSeq == 0 && count == 0) {
      return List.of();
    }
    Optional<List<String>> remembered = recent.bodies(jobId, lastSeq, count);
    if (remembered.isPresent()) {
      return remembered.get();
    }
    List<Object[]> rows = LogWrites.chain(c, jobId, lastSeq);
    if (rows.size() != count) {
      throw new JobStoreException(
          "the stored conversation ending at message "
              + lastSeq
              + " of job "
              + jobId
              + " has "
              + rows.size()
              + " messages, not the "
              + count
              + " recorded");
    }
    List<String> ids = new ArrayList<>(count);
    List<String> bodies = new ArrayList<>(count);
    long[] seqs = new long[count];
    for (int i = 0; i < count; i++) {
      seqs[i] = (Long) rows.get(i)[0];
      ids.add((String) rows.get(i)[1]);
      bodies.add((String) rows.get(i)[2]);
    }
    // Stored messages never change: what was read is as true as what was written.
    recent.remember(
        new Conversation(jobId, List.copyOf(ids), List.of(), List.copyOf(bodies), seqs));
    return bodies;
  }

  private static String digest(String body) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

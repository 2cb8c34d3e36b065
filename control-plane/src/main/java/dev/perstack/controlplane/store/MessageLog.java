package dev.perstack.controlplane.store;

import dev.perstack.controlplane.store.entity.MessageEntity;
import dev.perstack.protocol.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * A job's messages, each stored once as a node of the job's conversation tree. A conversation (a
 * checkpoint's or an event's message list) is named by its last node; storing one adds only the
 * nodes its stored prefix lacks. Callers hold the job's lock.
 */
final class MessageLog {
  /** Ids per lookup query; well under the bind-parameter limits of H2 and PostgreSQL. */
  private static final int LOOKUP_CHUNK = 500;

  /**
   * Walks back from a conversation's last node. The depth column orders the result; depth is also
   * what the count of a reference is checked against.
   */
  private static final String CHAIN =
      "with recursive chain (seq, previous_seq, depth, body) as ("
          + " select seq, previous_seq, depth, body from perstack_messages"
          + " where job_id = :job and seq = :last"
          + " union all"
          + " select m.seq, m.previous_seq, m.depth, m.body from perstack_messages m"
          + " join chain c on m.job_id = :job and m.seq = c.previous_seq)"
          + " select body from chain order by depth";

  private MessageLog() {}

  /**
   * Stores the conversation's messages that are not stored yet.
   *
   * @param bodies each message's JSON, as the codec writes it
   * @return the sequence number of its last message; 0 for an empty conversation
   */
  static long store(
      Session session, String jobId, List<? extends Message> messages, List<String> bodies) {
    if (messages.isEmpty()) {
      return 0;
    }
    List<String> digests = new ArrayList<>(bodies.size());
    bodies.forEach(body -> digests.add(digest(body)));
    Map<NodeKey, Long> stored = lookUp(session, jobId, messages);
    long previous = 0;
    int i = 0;
    for (; i < messages.size(); i++) {
      Long seq = stored.get(new NodeKey(messages.get(i).id(), previous, digests.get(i)));
      if (seq == null) {
        break;
      }
      previous = seq;
    }
    if (i == messages.size()) {
      return previous;
    }
    long next =
        session
                .createSelectionQuery(
                    "select coalesce(max(m.seq), 0) from MessageEntity m where m.jobId = :job",
                    Long.class)
                .setParameter("job", jobId)
                .getSingleResult()
            + 1;
    for (; i < messages.size(); i++) {
      MessageEntity row = new MessageEntity();
      row.jobId = jobId;
      row.seq = next++;
      row.messageId = messages.get(i).id();
      row.previousSeq = previous;
      row.depth = i;
      row.type = messages.get(i).type();
      row.digest = digests.get(i);
      row.body = bodies.get(i);
      session.persist(row);
      previous = row.seq;
    }
    return previous;
  }

  /** The JSON of a conversation's messages, first to last. */
  static List<String> conversation(Session session, String jobId, long lastSeq, int count) {
    if (lastSeq == 0 && count == 0) {
      return List.of();
    }
    List<String> bodies =
        session
            .createNativeQuery(CHAIN, String.class)
            .setParameter("job", jobId)
            .setParameter("last", lastSeq)
            .getResultList();
    if (bodies.size() != count) {
      throw new JobStoreException(
          "the stored conversation ending at message "
              + lastSeq
              + " of job "
              + jobId
              + " has "
              + bodies.size()
              + " messages, not the "
              + count
              + " recorded");
    }
    return bodies;
  }

  private static Map<NodeKey, Long> lookUp(
      Session session, String jobId, List<? extends Message> messages) {
    List<String> ids =
        new ArrayList<>(new LinkedHashSet<>(messages.stream().map(Message::id).toList()));
    Map<NodeKey, Long> stored = new HashMap<>();
    for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
      List<Object[]> rows =
          session
              .createSelectionQuery(
                  "select m.messageId, m.previousSeq, m.digest, m.seq from MessageEntity m"
                      + " where m.jobId = :job and m.messageId in :ids",
                  Object[].class)
              .setParameter("job", jobId)
              .setParameterList("ids", ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK)))
              .getResultList();
      for (Object[] row : rows) {
        stored.put(new NodeKey((String) row[0], (Long) row[1], (String) row[2]), (Long) row[3]);
      }
    }
    return stored;
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

  /** A stored message: its id, the message before it and its content's digest. */
  private record NodeKey(String messageId, long previousSeq, String digest) {}
}

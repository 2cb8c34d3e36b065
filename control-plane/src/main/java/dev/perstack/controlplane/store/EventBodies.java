package dev.perstack.controlplane.store;

import dev.perstack.protocol.codec.JsonWithoutConversations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An event or a model exchange's request as stored: its JSON without its conversations (the codec
 * leaves their arrays empty, so the body can still be read with SQL) and references saying at which
 * offset which conversation of the message log goes back, byte for byte.
 */
final class EventBodies {
  private EventBodies() {}

  /** One conversation cut out: where it went, and its messages' JSON. */
  record Cut(int offset, List<String> messages) {}

  /** The body without its conversations, and the cuts in the order they were made. */
  record Compacted(String body, List<Cut> cuts) {}

  /** A cut as stored: its offset in the compacted body and its conversation in the log. */
  record Ref(int offset, long lastMessageSeq, int count) {}

  /** The body with each reference's conversation back in place. */
  static String expand(String body, List<Ref> refs, Function<Ref, List<String>> conversation) {
    return expand(body, refs, refs.stream().map(conversation).toList());
  }

  /** The body with each reference's conversation, given in the references' order, back in place. */
  static String expand(String body, List<Ref> refs, List<List<String>> conversations) {
    return new JsonWithoutConversations(body, refs.stream().map(Ref::offset).toList())
        .withConversations(conversations);
  }

  /** References as the {@code message_refs} column keeps them: {@code offset:seq:count;...}. */
  static String format(List<Ref> refs) {
    StringBuilder text = new StringBuilder();
    for (Ref ref : refs) {
      text.append(text.length() == 0 ? "" : ";");
      text.append(ref.offset()).append(':').append(ref.lastMessageSeq()).append(':');
      text.append(ref.count());
    }
    return text.toString();
  }

  static List<Ref> parse(String refs) {
    if (refs == null || refs.isEmpty()) {
      return List.of();
    }
    List<Ref> parsed = new ArrayList<>();
    for (String ref : refs.split(";")) {
      String[] parts = ref.split(":");
      if (parts.length != 3) {
        throw new JobStoreException("a stored event has a malformed message reference: " + ref);
      }
      parsed.add(
          new Ref(
              Integer.parseInt(parts[0]), Long.parseLong(parts[1]), Integer.parseInt(parts[2])));
    }
    return parsed;
  }
}

package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.EventJson;
import dev.perstack.protocol.codec.JsonWithoutConversations;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * An event ready to store: its JSON as {@code perstack run} prints it, and its conversations cut
 * out with their messages' JSON. The codec writes the event without its conversations and the
 * messages' JSON comes from a cache, so storing the events of a growing conversation costs its new
 * messages, not the whole conversation again; the whole JSON is joined only when someone reads it.
 *
 * @param json the whole event, joined on its first read
 * @param compacted the event without its non-empty conversations, when it has any
 * @param conversations those conversations, in the order of {@code compacted}'s cuts
 */
record EncodedEvent(
    EventJson json,
    Optional<EventBodies.Compacted> compacted,
    List<List<? extends Message>> conversations) {

  /**
   * @param messagesJson each message's JSON, exactly as the codec writes it inside events
   */
  static EncodedEvent of(
      ProtocolCodec codec,
      PerstackEvent event,
      Function<List<? extends Message>, List<String>> messagesJson) {
    List<List<? extends Message>> all = EventConversations.of(event);
    JsonWithoutConversations without = codec.encodeEventWithoutConversations(event);
    if (without.offsets().size() != all.size()) {
      // EventConversations does not know this event's conversations: store it whole (always right).
      return new EncodedEvent(EventJson.of(codec.encodeEvent(event)), Optional.empty(), List.of());
    }
    List<List<String>> encoded = new ArrayList<>(all.size());
    List<EventBodies.Cut> cuts = new ArrayList<>();
    List<List<? extends Message>> kept = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      List<? extends Message> conversation = all.get(i);
      List<String> messages = conversation.isEmpty() ? List.of() : messagesJson.apply(conversation);
      encoded.add(messages);
      if (!conversation.isEmpty()) {
        cuts.add(new EventBodies.Cut(without.offsets().get(i), messages));
        kept.add(conversation);
      }
    }
    List<List<String>> joined = List.copyOf(encoded);
    return new EncodedEvent(
        EventJson.lazy(() -> without.withConversations(joined)),
        cuts.isEmpty()
            ? Optional.empty()
            : Optional.of(new EventBodies.Compacted(without.body(), List.copyOf(cuts))),
        List.copyOf(kept));
  }
}

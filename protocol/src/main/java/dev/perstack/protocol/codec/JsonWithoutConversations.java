package dev.perstack.protocol.codec;

import java.util.List;
import java.util.Objects;

/**
 * An event's or a generation request's JSON with every conversation (each message list under a
 * {@code messages} key) left as an empty array, and where each one goes: putting each
 * conversation's messages, comma-separated, at its offset gives exactly the codec's JSON of the
 * whole value. Stores keep the messages once instead of once per event or request, and build the
 * whole JSON without encoding them again.
 *
 * @param body the JSON with the conversations' arrays empty
 * @param offsets for each conversation, in document order, the offset in {@code body} just after
 *     its {@code [}
 */
public record JsonWithoutConversations(String body, List<Integer> offsets) {
  public JsonWithoutConversations {
    Objects.requireNonNull(body, "body");
    offsets = List.copyOf(offsets);
  }

  /** The whole value's JSON, given each conversation's messages' JSON in document order. */
  public String withConversations(List<List<String>> conversations) {
    if (conversations.size() != offsets.size()) {
      throw new IllegalArgumentException(
          "the JSON has " + offsets.size() + " conversations, not " + conversations.size());
    }
    int length = body.length();
    for (List<String> messages : conversations) {
      for (String message : messages) {
        length += message.length() + 1;
      }
    }
    StringBuilder json = new StringBuilder(length);
    int copied = 0;
    for (int i = 0; i < offsets.size(); i++) {
      json.append(body, copied, offsets.get(i));
      List<String> messages = conversations.get(i);
      for (int m = 0; m < messages.size(); m++) {
        if (m > 0) {
          json.append(',');
        }
        json.append(messages.get(m));
      }
      copied = offsets.get(i);
    }
    return json.append(body, copied, body.length()).toString();
  }
}

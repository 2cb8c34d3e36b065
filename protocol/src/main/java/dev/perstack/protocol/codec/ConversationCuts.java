package dev.perstack.protocol.codec;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** While one value is encoded without its conversations: the output so far and the cuts made. */
final class ConversationCuts {
  static final String KEY = "messages";

  final StringWriter out = new StringWriter();
  final List<Integer> offsets = new ArrayList<>();
}

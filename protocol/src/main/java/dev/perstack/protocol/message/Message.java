package dev.perstack.protocol.message;

import java.util.List;
import java.util.Optional;

/** One message of a conversation, discriminated on {@code type} on the wire. */
public sealed interface Message permits InputMessage, ExpertMessage {

  /** The message's unique id. */
  String id();

  /** The message's {@code type} on the wire, such as {@code userMessage}. */
  String type();

  /** The message's parts, in order. */
  List<? extends MessagePart> contents();

  /** Whether the provider should cache the prompt up to this message; absent means no. */
  Optional<Boolean> cache();
}

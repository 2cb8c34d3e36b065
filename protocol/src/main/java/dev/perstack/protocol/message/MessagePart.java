package dev.perstack.protocol.message;

/** One piece of a message's contents, discriminated on {@code type} on the wire. */
public sealed interface MessagePart
    permits UserContent, ExpertContent, ToolResultContent, ToolResultPart {

  /** The part's unique id. */
  String id();

  /** The part's {@code type} on the wire, such as {@code textPart}. */
  String type();
}

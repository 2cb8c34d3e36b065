package dev.perstack.protocol.frame;

/** A control-plane frame that answers an outstanding {@code generate}. */
public sealed interface GenerationReply extends Frame
    permits GenerationDeltaFrame, GenerationResultFrame, GenerationErrorFrame {

  /** The {@code requestId} of the {@code generate} it answers. */
  String requestId();

  /** Whether this reply ends the request (a result or an error, not a delta). */
  default boolean isFinal() {
    return !(this instanceof GenerationDeltaFrame);
  }
}

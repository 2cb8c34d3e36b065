package dev.perstack.protocol.frame;

/** One message of the agent ↔ control-plane protocol, discriminated on {@code type} on the wire. */
public sealed interface Frame
    permits HelloFrame,
        WelcomeFrame,
        RefusedFrame,
        EventFrame,
        CheckpointFrame,
        GenerateFrame,
        GenerationReply,
        HeartbeatFrame,
        CancelFrame,
        CloseFrame {

  /** The frame's {@code type} on the wire, such as {@code hello}. */
  String type();
}

package dev.perstack.protocol.session;

import dev.perstack.protocol.frame.CancelFrame;
import dev.perstack.protocol.frame.CheckpointFrame;
import dev.perstack.protocol.frame.CloseFrame;
import dev.perstack.protocol.frame.EventFrame;
import dev.perstack.protocol.frame.Frame;
import dev.perstack.protocol.frame.GenerateFrame;
import dev.perstack.protocol.frame.GenerationReply;
import dev.perstack.protocol.frame.HeartbeatFrame;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.RefusedFrame;
import dev.perstack.protocol.frame.WelcomeFrame;

/** Which end may send which frame. */
final class FrameSenders {
  private FrameSenders() {}

  static boolean maySend(Peer sender, Frame frame) {
    if (frame instanceof HeartbeatFrame || frame instanceof CloseFrame) {
      return true;
    }
    boolean fromAgent =
        frame instanceof HelloFrame
            || frame instanceof EventFrame
            || frame instanceof CheckpointFrame
            || frame instanceof GenerateFrame;
    boolean fromControlPlane =
        frame instanceof WelcomeFrame
            || frame instanceof RefusedFrame
            || frame instanceof GenerationReply
            || frame instanceof CancelFrame;
    return sender == Peer.AGENT ? fromAgent : fromControlPlane;
  }
}

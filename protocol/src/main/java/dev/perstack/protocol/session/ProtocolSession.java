package dev.perstack.protocol.session;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
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
import dev.perstack.protocol.job.JobSpec;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the order of the frames on one job's socket, in both directions: {@code hello} first,
 * nothing before {@code welcome}, replies only to outstanding generations, one job, step numbers
 * that never go down, nothing after {@code close}. Each end feeds it every frame it sends and
 * receives; thread-safe.
 */
public final class ProtocolSession {

  /** Where the session stands. */
  public enum State {
    /** Nothing was sent yet; only the agent's {@code hello} may come. */
    AWAITING_HELLO,
    /**
     * The agent said hello; only the control plane's {@code welcome} or {@code refused} may come.
     */
    AWAITING_WELCOME,
    /** The handshake succeeded; the job runs. */
    OPEN,
    /** Both ends sent {@code close}, or the control plane refused the agent. */
    CLOSED
  }

  private State state = State.AWAITING_HELLO;
  private int protocolVersion;
  private WelcomeFrame welcome;
  private JobBinding binding;
  private final Set<String> outstanding = new LinkedHashSet<>();
  private final Set<String> usedRequestIds = new HashSet<>();
  private final Set<Peer> closed = EnumSet.noneOf(Peer.class);
  private boolean cancelRequested;
  private long frames;

  /**
   * Checks one frame and moves the session on.
   *
   * @param sender the end that sent it
   * @throws ProtocolException when the frame breaks an ordering rule; the session is unchanged
   */
  public synchronized void accept(Peer sender, Frame frame) throws ProtocolException {
    String where = "frame " + (frames + 1) + " (" + frame.type() + " from the " + sender + ")";
    if (closed.contains(sender) || state == State.CLOSED) {
      throw outOfOrder(
          "the " + sender + " sent " + frame.type() + " after the session closed",
          where,
          "send nothing after close or refused");
    }
    if (!FrameSenders.maySend(sender, frame)) {
      throw outOfOrder(
          frame.type() + " frames come only from the " + sender.other(),
          where,
          "see docs/protocol.md for which end sends each frame");
    }
    switch (state) {
      case AWAITING_HELLO -> acceptHello(frame, where);
      case AWAITING_WELCOME -> acceptWelcome(frame, where);
      default -> acceptOpen(sender, frame, where);
    }
    frames++;
  }

  /**
   * Checks that a stream may end here.
   *
   * @param sender the end whose stream ended
   * @throws ProtocolException {@code CONNECTION_LOST} when that end had not sent {@code close}
   */
  public synchronized void endOfStream(Peer sender) throws ProtocolException {
    if (state == State.CLOSED || closed.contains(sender)) {
      return;
    }
    String pending = outstanding.isEmpty() ? "" : "; generations still outstanding: " + outstanding;
    throw new ProtocolException(
        ProtocolErrorCode.CONNECTION_LOST,
        "the " + sender + "'s stream ended in state " + state + " without a close frame" + pending,
        "after frame " + frames,
        "send close before shutting down the stream; a sandbox that died is treated as failed");
  }

  /** Where the session stands. */
  public synchronized State state() {
    return state;
  }

  /** The job spec from {@code welcome}, once the session is open. */
  public synchronized Optional<JobSpec> jobSpec() {
    return Optional.ofNullable(welcome).map(WelcomeFrame::jobSpec);
  }

  /** The largest frame the control plane reads, once the session is open. */
  public synchronized Optional<Integer> maxFrameBytes() {
    return Optional.ofNullable(welcome).map(WelcomeFrame::maxFrameBytes);
  }

  /** The request ids of generations not yet answered by a result or an error. */
  public synchronized Set<String> outstandingRequests() {
    return Set.copyOf(outstanding);
  }

  /** Whether the control plane sent {@code cancel}. */
  public synchronized boolean cancelRequested() {
    return cancelRequested;
  }

  /** Whether {@code peer} sent {@code close}. */
  public synchronized boolean closedBy(Peer peer) {
    return closed.contains(peer);
  }

  private void acceptHello(Frame frame, String where) throws ProtocolException {
    if (!(frame instanceof HelloFrame hello)) {
      throw outOfOrder(
          "the first frame must be hello, not " + frame.type(),
          where,
          "have the agent send hello with its protocol version and job token first");
    }
    protocolVersion = hello.protocolVersion();
    state = State.AWAITING_WELCOME;
  }

  private void acceptWelcome(Frame frame, String where) throws ProtocolException {
    if (frame instanceof RefusedFrame) {
      state = State.CLOSED;
      return;
    }
    if (!(frame instanceof WelcomeFrame next)) {
      throw outOfOrder(
          "nothing but welcome or refused may follow hello, not " + frame.type(),
          where,
          "wait for the control plane's answer to hello before sending anything");
    }
    if (next.protocolVersion() != protocolVersion) {
      throw new ProtocolException(
          ProtocolErrorCode.VERSION_MISMATCH,
          "welcome speaks protocol version "
              + next.protocolVersion()
              + " but hello asked for "
              + protocolVersion,
          where,
          "answer hello with the version it asked for, or refuse it with VERSION_MISMATCH");
    }
    welcome = next;
    binding = new JobBinding(next.jobSpec().jobId());
    state = State.OPEN;
  }

  private void acceptOpen(Peer sender, Frame frame, String where) throws ProtocolException {
    if (frame instanceof EventFrame event) {
      binding.checkEvent(event.event(), where);
    } else if (frame instanceof CheckpointFrame checkpoint) {
      binding.checkCheckpoint(checkpoint.checkpoint(), where);
    } else if (frame instanceof GenerateFrame generate) {
      acceptGenerate(generate, where);
    } else if (frame instanceof GenerationReply reply) {
      acceptReply(reply, where);
    } else if (frame instanceof CancelFrame) {
      cancelRequested = true;
    } else if (frame instanceof CloseFrame) {
      closed.add(sender);
      if (closed.size() == Peer.values().length) {
        state = State.CLOSED;
      }
    } else if (!(frame instanceof HeartbeatFrame)) {
      throw outOfOrder(
          frame.type() + " is part of the handshake, which is over",
          where,
          "send hello, welcome and refused only once, at the start");
    }
  }

  private void acceptGenerate(GenerateFrame generate, String where) throws ProtocolException {
    if (usedRequestIds.contains(generate.requestId())) {
      throw new ProtocolException(
          ProtocolErrorCode.DUPLICATE_REQUEST,
          "request id " + generate.requestId() + " was already used in this session",
          where,
          "give every generate frame a fresh request id");
    }
    usedRequestIds.add(generate.requestId());
    outstanding.add(generate.requestId());
  }

  private void acceptReply(GenerationReply reply, String where) throws ProtocolException {
    if (!outstanding.contains(reply.requestId())) {
      String why =
          usedRequestIds.contains(reply.requestId())
              ? "was already answered"
              : "was never requested";
      throw new ProtocolException(
          ProtocolErrorCode.UNKNOWN_REQUEST,
          reply.type() + " names request " + reply.requestId() + ", which " + why,
          where,
          "reply only to outstanding generate frames, and send one result or error per request");
    }
    if (reply.isFinal()) {
      outstanding.remove(reply.requestId());
    }
  }

  private static ProtocolException outOfOrder(String what, String where, String fix) {
    return new ProtocolException(ProtocolErrorCode.OUT_OF_ORDER, what, where, fix);
  }
}

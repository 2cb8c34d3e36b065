package dev.perstack.protocol.session;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.frame.HelloFrame;
import dev.perstack.protocol.frame.ProtocolVersion;
import dev.perstack.protocol.frame.RefusedFrame;
import java.util.Objects;
import java.util.Set;

/**
 * The control plane's check of an agent's {@code hello} for one job: a protocol version it speaks
 * and the job's token, which admits exactly one agent. Thread-safe.
 */
public final class HandshakeGate {
  private final String jobId;
  private final JobToken token;
  private final Set<Integer> supportedVersions;
  private boolean used;

  /** A gate for one job that speaks the {@link ProtocolVersion#SUPPORTED} versions. */
  public HandshakeGate(String jobId, JobToken token) {
    this(jobId, token, ProtocolVersion.SUPPORTED);
  }

  /** A gate for one job that speaks the given versions. */
  public HandshakeGate(String jobId, JobToken token, Set<Integer> supportedVersions) {
    this.jobId = Objects.requireNonNull(jobId, "jobId");
    this.token = Objects.requireNonNull(token, "token");
    this.supportedVersions = Set.copyOf(supportedVersions);
    if (this.supportedVersions.isEmpty()) {
      throw new IllegalArgumentException("a gate must support at least one protocol version");
    }
  }

  /**
   * Admits the agent, using up the token.
   *
   * @throws ProtocolException {@code VERSION_MISMATCH} or {@code BAD_TOKEN}; answer it with {@link
   *     #refusal(ProtocolException)} and close the connection
   */
  public synchronized void admit(HelloFrame hello) throws ProtocolException {
    if (!supportedVersions.contains(hello.protocolVersion())) {
      throw new ProtocolException(
          ProtocolErrorCode.VERSION_MISMATCH,
          "the agent speaks protocol version "
              + hello.protocolVersion()
              + "; this control plane speaks "
              + supportedVersions,
          "hello for job " + jobId,
          "build the sandbox image with an agent from the same release as the control plane");
    }
    if (used) {
      throw new ProtocolException(
          ProtocolErrorCode.BAD_TOKEN,
          "the job token was already used by another connection",
          "hello for job " + jobId,
          "a token admits one agent; start a new sandbox, which gets a new token");
    }
    if (!token.matches(hello.jobToken())) {
      throw new ProtocolException(
          ProtocolErrorCode.BAD_TOKEN,
          "the job token does not match this job",
          "hello for job " + jobId,
          "pass the agent the token the control plane issued for this sandbox");
    }
    used = true;
  }

  /** Whether an agent was admitted. */
  public synchronized boolean used() {
    return used;
  }

  /** The {@code refused} frame that answers a failed {@link #admit(HelloFrame)}. */
  public static RefusedFrame refusal(ProtocolException failure) {
    return new RefusedFrame(failure.code(), failure.what());
  }
}

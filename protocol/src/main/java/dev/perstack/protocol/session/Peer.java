package dev.perstack.protocol.session;

/** The two ends of a job's socket. */
public enum Peer {
  /** The agent inside the sandbox. */
  AGENT,
  /** The control plane outside it. */
  CONTROL_PLANE;

  /** The other end. */
  public Peer other() {
    return this == AGENT ? CONTROL_PLANE : AGENT;
  }

  @Override
  public String toString() {
    return this == AGENT ? "agent" : "control plane";
  }
}

package dev.perstack.protocol.frame;

import java.util.Set;

/** The protocol version this code speaks; both sides must agree on it during the handshake. */
public final class ProtocolVersion {
  /** The version this release's agent speaks: 2, which adds references (docs/protocol.md §5a). */
  public static final int CURRENT = 2;

  /** The first version: every frame carries everything in full. */
  public static final int V1 = 1;

  /** The versions this release's control plane accepts (older agents in locked images speak 1). */
  public static final Set<Integer> SUPPORTED = Set.of(V1, CURRENT);

  /** Whether frames of {@code version} may carry references to what their direction sent before. */
  public static boolean hasReferences(int version) {
    return version >= 2;
  }

  private ProtocolVersion() {}
}

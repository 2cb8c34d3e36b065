package dev.perstack.protocol.event;

import dev.perstack.protocol.internal.Require;
import java.util.Optional;

/** The egress proxy allowed or blocked a connection. */
public record ProxyAccess(
    String id,
    long timestamp,
    String jobId,
    String runId,
    Action action,
    String domain,
    int port,
    Optional<String> reason)
    implements RuntimeEvent {
  /** The {@code type} of this event on the wire. */
  public static final String TYPE = "proxyAccess";

  public ProxyAccess {
    EventFields.checkRuntime(id, timestamp, jobId, runId);
    Require.present(action, "action");
    Require.present(domain, "domain");
    Require.nonNegative(port, "port");
    Require.present(reason, "reason");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** What the proxy did; {@link #toString()} is the name on the wire. */
  public enum Action {
    ALLOWED("allowed"),
    BLOCKED("blocked");

    private final String wireName;

    Action(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }
}

package dev.perstack.protocol.event;

/** Anything {@code perstack run} prints: a run event or a runtime event, one JSON line each. */
public sealed interface PerstackEvent permits RunEvent, RuntimeEvent {

  /** The event's unique id. */
  String id();

  /** The event's {@code type} on the wire, such as {@code startRun}. */
  String type();

  /** When it happened, in milliseconds since the epoch. */
  long timestamp();

  /** The job it belongs to. */
  String jobId();

  /** The run it belongs to. */
  String runId();
}

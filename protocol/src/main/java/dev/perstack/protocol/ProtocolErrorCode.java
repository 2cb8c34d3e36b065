package dev.perstack.protocol;

/** What kind of rule a frame, an event or a peer broke; each code has a stable name on the wire. */
public enum ProtocolErrorCode {
  /** A length prefix announced more bytes than the configured maximum frame size. */
  FRAME_TOO_LARGE,
  /** The stream ended inside a length prefix or a frame body. */
  TRUNCATED,
  /** A frame body or event line is not a single UTF-8 JSON object. */
  MALFORMED,
  /** A {@code type} names nothing this protocol version knows, or nothing allowed in that place. */
  UNKNOWN_TYPE,
  /** A required field is absent. */
  MISSING_FIELD,
  /** A field is present but has the wrong JSON type, a null, or a value its record refuses. */
  INVALID_FIELD,
  /** A frame arrived in a state where the handshake or the session does not allow it. */
  OUT_OF_ORDER,
  /** A generation response names a request id that is not outstanding. */
  UNKNOWN_REQUEST,
  /** A generation request reuses a request id already used in this session. */
  DUPLICATE_REQUEST,
  /** A run's step number went down. */
  STEP_REGRESSION,
  /** An event or checkpoint names a job other than the one the session was opened for. */
  WRONG_JOB,
  /** The job token is unknown, already used, or bound to another job. */
  BAD_TOKEN,
  /** The agent speaks a protocol version the control plane does not. */
  VERSION_MISMATCH,
  /** The peer went away without a {@code close} frame. */
  CONNECTION_LOST
}

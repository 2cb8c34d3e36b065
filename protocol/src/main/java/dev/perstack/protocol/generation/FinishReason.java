package dev.perstack.protocol.generation;

/** Why the model stopped generating; {@link #toString()} is the name on the wire. */
public enum FinishReason {
  STOP("stop"),
  LENGTH("length"),
  CONTENT_FILTER("content-filter"),
  TOOL_CALLS("tool-calls"),
  ERROR("error"),
  OTHER("other"),
  UNKNOWN("unknown");

  private final String wireName;

  FinishReason(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String toString() {
    return wireName;
  }
}

package dev.perstack.protocol.generation;

import dev.perstack.protocol.internal.Require;

/** A piece of text or reasoning streamed before the response is complete. */
public record GenerationDelta(Kind kind, String text) {
  public GenerationDelta {
    Require.present(kind, "kind");
    Require.present(text, "text");
  }

  /** What a delta continues; {@link #toString()} is the name on the wire. */
  public enum Kind {
    TEXT("text"),
    REASONING("reasoning");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    @Override
    public String toString() {
      return wireName;
    }
  }
}

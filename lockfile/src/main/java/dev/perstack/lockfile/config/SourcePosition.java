package dev.perstack.lockfile.config;

/** A 1-based line and column in a source file. */
public record SourcePosition(int line, int column) {

  /** The position used when a problem concerns the whole file. */
  public static final SourcePosition START = new SourcePosition(1, 1);

  public SourcePosition {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "positions are 1-based, got line " + line + ", column " + column);
    }
  }
}

package dev.perstack.image.internal;

import java.util.ArrayDeque;
import java.util.List;

/** The last lines a process printed, each cut to a bounded length; thread-safe. */
public final class OutputTail {
  private static final int MAX_LINE = 500;
  private final int capacity;
  private final ArrayDeque<String> lines = new ArrayDeque<>();

  public OutputTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Keeps {@code line}, dropping the oldest one when full. */
  public synchronized void add(String line) {
    String cut = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "..." : line;
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(cut);
  }

  /** The kept lines, oldest first. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }
}

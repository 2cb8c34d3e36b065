package dev.perstack.agent.loop;

import dev.perstack.protocol.message.Usage;

/** Token usage arithmetic. */
final class Usages {
  static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  private Usages() {}

  static Usage sum(Usage a, Usage b) {
    return new Usage(
        a.inputTokens() + b.inputTokens(),
        a.outputTokens() + b.outputTokens(),
        a.reasoningTokens() + b.reasoningTokens(),
        a.totalTokens() + b.totalTokens(),
        a.cachedInputTokens() + b.cachedInputTokens());
  }

  /** What {@code after} added on top of {@code before} (never negative). */
  static Usage delta(Usage after, Usage before) {
    return new Usage(
        Math.max(0, after.inputTokens() - before.inputTokens()),
        Math.max(0, after.outputTokens() - before.outputTokens()),
        Math.max(0, after.reasoningTokens() - before.reasoningTokens()),
        Math.max(0, after.totalTokens() - before.totalTokens()),
        Math.max(0, after.cachedInputTokens() - before.cachedInputTokens()));
  }
}

package dev.perstack.protocol.message;

import dev.perstack.protocol.internal.Require;

/**
 * Token counts of one generation, or summed over a step, run or job.
 *
 * @param reasoningTokens tokens of native reasoning, when the provider reports them
 * @param totalTokens input plus output, as the provider reports it
 * @param cachedInputTokens input tokens served from the provider's prompt cache
 */
public record Usage(
    long inputTokens,
    long outputTokens,
    long reasoningTokens,
    long totalTokens,
    long cachedInputTokens) {
  public Usage {
    Require.nonNegative(inputTokens, "inputTokens");
    Require.nonNegative(outputTokens, "outputTokens");
    Require.nonNegative(reasoningTokens, "reasoningTokens");
    Require.nonNegative(totalTokens, "totalTokens");
    Require.nonNegative(cachedInputTokens, "cachedInputTokens");
  }

  /** No tokens. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  /** The sum of this usage and {@code other}. */
  public Usage plus(Usage other) {
    return new Usage(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        reasoningTokens + other.reasoningTokens,
        totalTokens + other.totalTokens,
        cachedInputTokens + other.cachedInputTokens);
  }
}

package dev.perstack.testsupport.model;

/**
 * Token counts of a scripted answer in one neutral meaning, which each renderer maps to its
 * provider's fields.
 *
 * <p>{@code inputTokens} counts the whole prompt, cached parts included (OpenAI's {@code
 * prompt_tokens}); {@code outputTokens} counts all output, reasoning included (OpenAI's {@code
 * completion_tokens}). So Anthropic's {@code input_tokens} becomes {@code inputTokens -
 * cacheReadTokens - cacheWriteTokens} and Gemini's {@code candidatesTokenCount} becomes {@code
 * outputTokens - reasoningTokens}, as those APIs count them apart.
 */
public record Usage(
    int inputTokens,
    int outputTokens,
    int reasoningTokens,
    int cacheReadTokens,
    int cacheWriteTokens) {

  /** What an answer reports when the script gives no usage. */
  public static final Usage DEFAULT = new Usage(10, 5, 0, 0, 0);

  public Usage {
    requireNotNegative(inputTokens, "inputTokens");
    requireNotNegative(outputTokens, "outputTokens");
    requireNotNegative(reasoningTokens, "reasoningTokens");
    requireNotNegative(cacheReadTokens, "cacheReadTokens");
    requireNotNegative(cacheWriteTokens, "cacheWriteTokens");
    if (reasoningTokens > outputTokens) {
      throw new IllegalArgumentException(
          "reasoningTokens ("
              + reasoningTokens
              + ") are part of outputTokens ("
              + outputTokens
              + ") and cannot exceed them");
    }
    if ((long) cacheReadTokens + cacheWriteTokens > inputTokens) {
      throw new IllegalArgumentException(
          "cached tokens (read "
              + cacheReadTokens
              + ", write "
              + cacheWriteTokens
              + ") are part of inputTokens ("
              + inputTokens
              + ") and cannot exceed them");
    }
  }

  /** Usage without cache writes, which only Anthropic reports. */
  public static Usage of(int inputTokens, int outputTokens, int reasoningTokens, int cachedTokens) {
    return new Usage(inputTokens, outputTokens, reasoningTokens, cachedTokens, 0);
  }

  /** Input plus output tokens. */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Input tokens neither read from nor written to a cache (Anthropic's {@code input_tokens}). */
  public int uncachedInputTokens() {
    return inputTokens - cacheReadTokens - cacheWriteTokens;
  }

  /** Output tokens that are not reasoning (Gemini's {@code candidatesTokenCount}). */
  public int visibleOutputTokens() {
    return outputTokens - reasoningTokens;
  }

  private static void requireNotNegative(int value, String name) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " must not be negative, got " + value);
    }
  }
}

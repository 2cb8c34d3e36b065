package dev.perstack.testsupport.model;

/** Why a scripted answer ends, mapped to each provider's own finish or stop reason. */
public enum Finish {
  /** The model finished its turn: OpenAI {@code stop}, Anthropic {@code end_turn}, Gemini STOP. */
  STOP,
  /** The model wants tools run: {@code tool_calls}, {@code tool_use}, Gemini STOP. */
  TOOL_CALLS,
  /** The output token limit was hit: {@code length}, {@code max_tokens}, {@code MAX_TOKENS}. */
  LENGTH,
  /** The answer was withheld: {@code content_filter}, {@code refusal}, {@code SAFETY}. */
  CONTENT_FILTER
}

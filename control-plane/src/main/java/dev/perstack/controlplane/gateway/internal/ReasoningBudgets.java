package dev.perstack.controlplane.gateway.internal;

import dev.perstack.protocol.generation.ReasoningBudget;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code reasoningBudget} in each provider's terms: Anthropic thinking budget tokens (minimal 1024,
 * low 2048, medium 5000, high 10000, or the number, at least 1024), OpenAI reasoning effort (a
 * number picks the level whose token budget it reaches), and a Gemini thinking budget (the same
 * token counts; 0 disables).
 */
public final class ReasoningBudgets {
  private ReasoningBudgets() {}

  /** Anthropic's {@code thinking.budget_tokens}, or empty when reasoning is off. */
  public static OptionalInt anthropicBudgetTokens(ReasoningBudget budget) {
    if (budget.disabled()) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(Math.max(1024, tokens(budget)));
  }

  /** OpenAI's {@code reasoning_effort}, or empty when reasoning is off. */
  public static Optional<String> openAiEffort(ReasoningBudget budget) {
    if (budget.disabled()) {
      return Optional.empty();
    }
    if (budget instanceof ReasoningBudget.Level level) {
      return Optional.of(level.name().word());
    }
    long count = ((ReasoningBudget.Tokens) budget).count();
    if (count <= 1024) {
      return Optional.of("minimal");
    }
    if (count <= 2048) {
      return Optional.of("low");
    }
    return Optional.of(count <= 5000 ? "medium" : "high");
  }

  /** Gemini's {@code thinkingConfig.thinkingBudget}: 0 when reasoning is off. */
  public static int geminiThinkingBudget(ReasoningBudget budget) {
    return budget.disabled() ? 0 : tokens(budget);
  }

  private static int tokens(ReasoningBudget budget) {
    if (budget instanceof ReasoningBudget.Tokens count) {
      return (int) Math.min(Integer.MAX_VALUE, count.count());
    }
    return switch (((ReasoningBudget.Level) budget).name()) {
      case NONE -> 0;
      case MINIMAL -> 1024;
      case LOW -> 2048;
      case MEDIUM -> 5000;
      case HIGH -> 10000;
    };
  }
}

package dev.perstack.protocol.generation;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.Message;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the agent asks the model gateway to generate; the gateway picks the model and credentials.
 *
 * @param expertKey the expert whose run generates, for its provider tools and for records
 * @param messages the conversation, starting with the instruction message
 * @param tools the tools the model may call; empty for the final, tool-less generation
 * @param maxTokens a cap on generated tokens; absent leaves it to the gateway
 */
public record GenerationRequest(
    String expertKey,
    List<Message> messages,
    List<ToolDefinition> tools,
    ReasoningBudget reasoningBudget,
    OptionalLong maxTokens) {
  public GenerationRequest {
    Require.name(expertKey, "expertKey", 511);
    messages = Require.list(messages, "messages");
    tools = Require.list(tools, "tools");
    Require.present(reasoningBudget, "reasoningBudget");
    Require.present(maxTokens, "maxTokens").ifPresent(v -> Require.positive(v, "maxTokens"));
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("messages must not be empty");
    }
    long distinct = tools.stream().map(ToolDefinition::name).distinct().count();
    if (distinct != tools.size()) {
      throw new IllegalArgumentException("tools must have distinct names");
    }
  }
}

package dev.perstack.controlplane.gateway.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.anthropic.AnthropicTokenUsage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiTokenUsage;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.TokenUsage;
import dev.perstack.controlplane.gateway.internal.Ids;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A langchain4j chat response as a Perstack generation response: thinking, text and tool calls in
 * that order, the finish reason, and usage in Perstack's meaning (input includes cached input,
 * output includes reasoning) whichever way the provider counted it.
 */
final class Lc4jResponses {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Lc4jResponses() {}

  static GenerationResponse toGenerationResponse(ChatResponse response) {
    AiMessage message = response.aiMessage();
    List<ExpertContent> contents = new ArrayList<>();
    String signature = message.attribute(Lc4jMessages.THINKING_SIGNATURE, String.class);
    boolean hasThinking = message.thinking() != null && !message.thinking().isEmpty();
    if (hasThinking || (signature != null && !signature.isEmpty())) {
      contents.add(
          new ThinkingPart(
              Ids.next("thinking"),
              hasThinking ? message.thinking() : "",
              Optional.ofNullable(signature).filter(s -> !s.isEmpty())));
    }
    if (message.text() != null && !message.text().isEmpty()) {
      contents.add(new TextPart(Ids.next("text"), message.text()));
    }
    List<ToolExecutionRequest> calls =
        message.hasToolExecutionRequests() ? message.toolExecutionRequests() : List.of();
    for (ToolExecutionRequest call : calls) {
      String callId = call.id() == null || call.id().isEmpty() ? Ids.next("call") : call.id();
      contents.add(new ToolCallPart(Ids.next("toolCall"), callId, call.name(), args(call)));
    }
    FinishReason finish = finishReason(response.finishReason());
    if (!calls.isEmpty() && (finish == FinishReason.STOP || finish == FinishReason.UNKNOWN)) {
      finish = FinishReason.TOOL_CALLS;
    }
    return new GenerationResponse(contents, finish, usage(response.tokenUsage()));
  }

  static FinishReason finishReason(dev.langchain4j.model.output.FinishReason reason) {
    if (reason == null) {
      return FinishReason.UNKNOWN;
    }
    return switch (reason) {
      case STOP -> FinishReason.STOP;
      case LENGTH -> FinishReason.LENGTH;
      case TOOL_EXECUTION -> FinishReason.TOOL_CALLS;
      case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  static Usage usage(TokenUsage usage) {
    if (usage == null) {
      return Usage.ZERO;
    }
    long input = count(usage.inputTokenCount());
    long output = count(usage.outputTokenCount());
    long reasoning = 0;
    long cached = 0;
    if (usage instanceof OpenAiTokenUsage openAi) {
      if (openAi.inputTokensDetails() != null) {
        cached = count(openAi.inputTokensDetails().cachedTokens());
      }
      if (openAi.outputTokensDetails() != null) {
        reasoning = count(openAi.outputTokensDetails().reasoningTokens());
      }
    } else if (usage instanceof AnthropicTokenUsage anthropic) {
      // Anthropic counts cache reads and writes apart from input_tokens.
      cached = count(anthropic.cacheReadInputTokens());
      input += cached + count(anthropic.cacheCreationInputTokens());
    } else if (usage instanceof GoogleAiGeminiTokenUsage gemini) {
      // Gemini counts thoughts apart from candidates.
      reasoning = count(gemini.thoughtsTokenCount());
      cached = count(gemini.cachedContentTokenCount());
      output += reasoning;
    }
    return new Usage(input, output, reasoning, input + output, cached);
  }

  private static JsonNode args(ToolExecutionRequest call) {
    String arguments = call.arguments();
    if (arguments == null || arguments.isBlank()) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode parsed = MAPPER.readTree(arguments);
      return parsed == null ? MAPPER.createObjectNode() : parsed;
    } catch (IOException malformed) {
      // Kept as the model wrote it; the agent reports invalid arguments to the model.
      return TextNode.valueOf(arguments);
    }
  }

  private static long count(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }
}

package dev.perstack.controlplane.gateway.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.perstack.controlplane.gateway.internal.Ids;
import dev.perstack.protocol.generation.FinishReason;
import dev.perstack.protocol.generation.GenerationDelta;
import dev.perstack.protocol.generation.GenerationResponse;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.TextPart;
import dev.perstack.protocol.message.ThinkingPart;
import dev.perstack.protocol.message.ToolCallPart;
import dev.perstack.protocol.message.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.StopReason;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * Builds a generation response from ConverseStream events: content blocks by index (text, reasoning
 * with its signature, tool use with its streamed JSON input), the stop reason and the usage,
 * forwarding text and reasoning deltas as they come.
 */
final class ConverseStreamAccumulator {
  private final Consumer<GenerationDelta> onDelta;
  private final Map<Integer, Block> blocks = new TreeMap<>();
  private volatile StopReason stopReason;
  private volatile TokenUsage usage;
  private volatile Throwable failure;

  private static final class Block {
    final StringBuilder text = new StringBuilder();
    final StringBuilder reasoning = new StringBuilder();
    final StringBuilder input = new StringBuilder();
    String toolUseId;
    String toolName;
    String signature;
  }

  ConverseStreamAccumulator(Consumer<GenerationDelta> onDelta) {
    this.onDelta = onDelta;
  }

  ConverseStreamResponseHandler.Visitor visitor() {
    return ConverseStreamResponseHandler.Visitor.builder()
        .onContentBlockStart(this::start)
        .onContentBlockDelta(this::delta)
        .onMessageStop(this::stop)
        .onMetadata(this::metadata)
        .build();
  }

  void fail(Throwable error) {
    if (failure == null) {
      failure = error;
    }
  }

  Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private synchronized Block block(Integer index) {
    return blocks.computeIfAbsent(index == null ? 0 : index, i -> new Block());
  }

  private void start(ContentBlockStartEvent event) {
    if (event.start() != null && event.start().toolUse() != null) {
      Block block = block(event.contentBlockIndex());
      block.toolUseId = event.start().toolUse().toolUseId();
      block.toolName = event.start().toolUse().name();
    }
  }

  private void delta(ContentBlockDeltaEvent event) {
    ContentBlockDelta delta = event.delta();
    if (delta == null) {
      return;
    }
    Block block = block(event.contentBlockIndex());
    if (delta.text() != null) {
      block.text.append(delta.text());
      forward(GenerationDelta.Kind.TEXT, delta.text());
    } else if (delta.toolUse() != null && delta.toolUse().input() != null) {
      block.input.append(delta.toolUse().input());
    } else if (delta.reasoningContent() != null) {
      String text = delta.reasoningContent().text();
      if (text != null) {
        block.reasoning.append(text);
        forward(GenerationDelta.Kind.REASONING, text);
      }
      if (delta.reasoningContent().signature() != null) {
        block.signature = delta.reasoningContent().signature();
      }
    }
  }

  private void forward(GenerationDelta.Kind kind, String text) {
    if (!text.isEmpty()) {
      try {
        onDelta.accept(new GenerationDelta(kind, text));
      } catch (RuntimeException e) {
        fail(e);
      }
    }
  }

  private void stop(MessageStopEvent event) {
    stopReason = event.stopReason();
  }

  private void metadata(ConverseStreamMetadataEvent event) {
    usage = event.usage();
  }

  /** The response, or empty when the stream ended without a stop reason. */
  synchronized Optional<GenerationResponse> response() {
    if (stopReason == null) {
      return Optional.empty();
    }
    List<ExpertContent> contents = new ArrayList<>();
    for (Block block : blocks.values()) {
      if (block.reasoning.length() > 0 || block.signature != null) {
        contents.add(
            new ThinkingPart(
                Ids.next("thinking"),
                block.reasoning.toString(),
                Optional.ofNullable(block.signature)));
      }
      if (block.text.length() > 0) {
        contents.add(new TextPart(Ids.next("text"), block.text.toString()));
      }
      if (block.toolName != null) {
        String callId = block.toolUseId == null ? Ids.next("call") : block.toolUseId;
        contents.add(new ToolCallPart(Ids.next("toolCall"), callId, block.toolName, args(block)));
      }
    }
    return Optional.of(new GenerationResponse(contents, finishReason(stopReason), usage()));
  }

  private Usage usage() {
    if (usage == null) {
      return Usage.ZERO;
    }
    long cacheRead = count(usage.cacheReadInputTokens());
    // Like Anthropic's API, Converse counts cache reads and writes apart from inputTokens.
    long input = count(usage.inputTokens()) + cacheRead + count(usage.cacheWriteInputTokens());
    long output = count(usage.outputTokens());
    return new Usage(input, output, 0, input + output, cacheRead);
  }

  private static JsonNode args(Block block) {
    String text = block.input.toString();
    if (text.isBlank()) {
      return Documents.MAPPER.createObjectNode();
    }
    try {
      return Documents.MAPPER.readTree(text);
    } catch (IOException malformed) {
      return TextNode.valueOf(text);
    }
  }

  static FinishReason finishReason(StopReason reason) {
    return switch (reason) {
      case END_TURN, STOP_SEQUENCE -> FinishReason.STOP;
      case TOOL_USE -> FinishReason.TOOL_CALLS;
      case MAX_TOKENS, MODEL_CONTEXT_WINDOW_EXCEEDED -> FinishReason.LENGTH;
      case GUARDRAIL_INTERVENED, CONTENT_FILTERED -> FinishReason.CONTENT_FILTER;
      default -> FinishReason.OTHER;
    };
  }

  private static long count(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }
}

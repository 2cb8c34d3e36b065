package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.testsupport.model.Answer;
import dev.perstack.testsupport.model.Finish;
import dev.perstack.testsupport.model.Part;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Usage;
import dev.perstack.testsupport.model.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * OpenAI chat completions, with DeepSeek's {@code reasoning_content} for thinking (OpenAI itself
 * returns no reasoning text on this API).
 */
final class OpenAiChatFormat implements ProviderFormat {
  static final OpenAiChatFormat INSTANCE = new OpenAiChatFormat();

  private OpenAiChatFormat() {}

  @Override
  public WireFormat wireFormat() {
    return WireFormat.OPENAI;
  }

  @Override
  public boolean streams(RecordedRequest request) {
    return request.json().path("stream").asBoolean(false);
  }

  @Override
  public Framing framing(RecordedRequest request) {
    return Framing.SSE;
  }

  @Override
  public ObjectNode message(Answer answer, RecordedRequest request) {
    ObjectNode root = head(request, "chat.completion");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (Contents.texts(answer).isEmpty()) {
      message.putNull("content");
    } else {
      message.put("content", Contents.joinedText(answer));
    }
    if (!Contents.thinking(answer).isEmpty()) {
      message.put("reasoning_content", Contents.joinedThinking(answer));
    }
    List<Part.ToolCall> calls = Contents.toolCalls(answer);
    if (!calls.isEmpty()) {
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (Part.ToolCall call : calls) {
        ObjectNode json = toolCalls.addObject().put("id", call.id()).put("type", "function");
        json.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    message.putNull("refusal");
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(answer.finish()));
    root.set("usage", usage(answer.usage()));
    return root;
  }

  @Override
  public List<StreamEvent> events(Answer answer, RecordedRequest request) {
    boolean includeUsage =
        request.json().path("stream_options").path("include_usage").asBoolean(false);
    List<ObjectNode> chunks = new ArrayList<>();
    ObjectNode role = Json.object().put("role", "assistant").put("content", "");
    chunks.add(chunk(request, role, Optional.empty(), includeUsage));
    for (Part.Thinking thinking : Contents.thinking(answer)) {
      for (String piece : Pieces.words(thinking.text())) {
        ObjectNode delta = Json.object().put("reasoning_content", piece);
        chunks.add(chunk(request, delta, Optional.empty(), includeUsage));
      }
    }
    for (Part.Text text : Contents.texts(answer)) {
      for (String piece : Pieces.words(text.text())) {
        ObjectNode delta = Json.object().put("content", piece);
        chunks.add(chunk(request, delta, Optional.empty(), includeUsage));
      }
    }
    List<Part.ToolCall> calls = Contents.toolCalls(answer);
    for (int index = 0; index < calls.size(); index++) {
      Part.ToolCall call = calls.get(index);
      // The first delta of a call names it; later ones carry only argument fragments.
      ObjectNode opening = toolCallDelta(index).put("id", call.id()).put("type", "function");
      opening.putObject("function").put("name", call.name()).put("arguments", "");
      chunks.add(chunk(request, wrapToolCall(opening), Optional.empty(), includeUsage));
      for (String fragment : Pieces.fragments(call.arguments())) {
        ObjectNode delta = toolCallDelta(index);
        delta.putObject("function").put("arguments", fragment);
        chunks.add(chunk(request, wrapToolCall(delta), Optional.empty(), includeUsage));
      }
    }
    String reason = finishReason(answer.finish());
    chunks.add(chunk(request, Json.object(), Optional.of(reason), includeUsage));
    if (includeUsage) {
      ObjectNode last = head(request, "chat.completion.chunk");
      last.putArray("choices");
      last.set("usage", usage(answer.usage()));
      chunks.add(last);
    }
    List<StreamEvent> events = new ArrayList<>();
    chunks.forEach(chunk -> events.add(StreamEvent.data(chunk)));
    events.add(new StreamEvent(Optional.empty(), "[DONE]"));
    return events;
  }

  @Override
  public ObjectNode error(int status, String message, OptionalLong retryAfterSeconds) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error").put("message", message);
    switch (status) {
      case 401 -> error.put("type", "invalid_request_error").put("code", "invalid_api_key");
      case 429 -> error.put("type", "requests").put("code", "rate_limit_exceeded");
      default -> {
        error.put("type", status >= 500 ? "server_error" : "invalid_request_error");
        error.putNull("code");
      }
    }
    error.putNull("param");
    return root;
  }

  private static ObjectNode head(RecordedRequest request, String object) {
    ObjectNode root = Json.object();
    root.put("id", "chatcmpl-scripted-" + request.number());
    root.put("object", object);
    root.put("created", Instant.now().getEpochSecond());
    root.put("model", model(request));
    return root;
  }

  /** The requested model, or Azure's deployment, which stands in for it there. */
  private static String model(RecordedRequest request) {
    String model = request.json().path("model").asText("");
    if (!model.isEmpty()) {
      return model;
    }
    String[] segments = request.path().split("/");
    for (int i = 0; i + 1 < segments.length; i++) {
      if (segments[i].equals("deployments")) {
        return segments[i + 1];
      }
    }
    return "scripted-model";
  }

  private static ObjectNode chunk(
      RecordedRequest request, ObjectNode delta, Optional<String> finish, boolean includeUsage) {
    ObjectNode chunk = head(request, "chat.completion.chunk");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    choice.putNull("logprobs");
    finish.ifPresentOrElse(
        reason -> choice.put("finish_reason", reason), () -> choice.putNull("finish_reason"));
    if (includeUsage) {
      // With include_usage every chunk carries "usage": null until the final one.
      chunk.putNull("usage");
    }
    return chunk;
  }

  private static ObjectNode toolCallDelta(int index) {
    return Json.object().put("index", index);
  }

  private static ObjectNode wrapToolCall(ObjectNode call) {
    ObjectNode delta = Json.object();
    delta.putArray("tool_calls").add(call);
    return delta;
  }

  private static ObjectNode usage(Usage usage) {
    ObjectNode json = Json.object();
    json.put("prompt_tokens", usage.inputTokens());
    json.put("completion_tokens", usage.outputTokens());
    json.put("total_tokens", usage.totalTokens());
    json.putObject("prompt_tokens_details").put("cached_tokens", usage.cacheReadTokens());
    json.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    return json;
  }

  private static String finishReason(Finish finish) {
    return switch (finish) {
      case STOP -> "stop";
      case TOOL_CALLS -> "tool_calls";
      case LENGTH -> "length";
      case CONTENT_FILTER -> "content_filter";
    };
  }
}

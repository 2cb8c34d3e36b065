package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.testsupport.model.Answer;
import dev.perstack.testsupport.model.Finish;
import dev.perstack.testsupport.model.Part;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Usage;
import dev.perstack.testsupport.model.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Anthropic messages: content blocks in the answer's order, streamed as named SSE events. */
final class AnthropicMessagesFormat implements ProviderFormat {
  static final AnthropicMessagesFormat INSTANCE = new AnthropicMessagesFormat();

  private AnthropicMessagesFormat() {}

  @Override
  public WireFormat wireFormat() {
    return WireFormat.ANTHROPIC;
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
    ObjectNode message = head(request);
    ArrayNode content = message.putArray("content");
    for (Part part : answer.parts()) {
      content.add(block(part));
    }
    message.put("stop_reason", stopReason(answer.finish()));
    message.putNull("stop_sequence");
    message.set("usage", usage(answer.usage(), answer.usage().outputTokens()));
    return message;
  }

  @Override
  public List<StreamEvent> events(Answer answer, RecordedRequest request) {
    List<ObjectNode> events = new ArrayList<>();
    ObjectNode message = head(request);
    message.putArray("content");
    message.putNull("stop_reason");
    message.putNull("stop_sequence");
    // The real API reports a token or so of output at the start; message_delta has the total.
    int startOutput = Math.min(1, answer.usage().outputTokens());
    message.set("usage", usage(answer.usage(), startOutput));
    ObjectNode messageStart = event("message_start");
    messageStart.set("message", message);
    events.add(messageStart);
    events.add(event("ping"));
    List<Part> parts = answer.parts();
    for (int index = 0; index < parts.size(); index++) {
      Part part = parts.get(index);
      ObjectNode start = event("content_block_start").put("index", index);
      start.set("content_block", emptyBlock(part));
      events.add(start);
      for (ObjectNode delta : deltas(part)) {
        ObjectNode blockDelta = event("content_block_delta").put("index", index);
        blockDelta.set("delta", delta);
        events.add(blockDelta);
      }
      events.add(event("content_block_stop").put("index", index));
    }
    ObjectNode messageDelta = event("message_delta");
    messageDelta
        .putObject("delta")
        .put("stop_reason", stopReason(answer.finish()))
        .putNull("stop_sequence");
    messageDelta.putObject("usage").put("output_tokens", answer.usage().outputTokens());
    events.add(messageDelta);
    events.add(event("message_stop"));
    return events.stream().map(json -> StreamEvent.named(json.get("type").asText(), json)).toList();
  }

  @Override
  public ObjectNode error(int status, String message, OptionalLong retryAfterSeconds) {
    ObjectNode root = Json.object().put("type", "error");
    root.putObject("error").put("type", errorType(status)).put("message", message);
    return root;
  }

  private static ObjectNode head(RecordedRequest request) {
    ObjectNode message = Json.object();
    message.put("id", "msg_scripted_" + request.number());
    message.put("type", "message");
    message.put("role", "assistant");
    message.put("model", request.json().path("model").asText("scripted-model"));
    return message;
  }

  private static ObjectNode block(Part part) {
    if (part instanceof Part.Text text) {
      return Json.object().put("type", "text").put("text", text.text());
    }
    if (part instanceof Part.Thinking thinking) {
      return Json.object()
          .put("type", "thinking")
          .put("thinking", thinking.text())
          .put("signature", thinking.signature());
    }
    Part.ToolCall call = (Part.ToolCall) part;
    ObjectNode block = Json.object().put("type", "tool_use");
    block.put("id", call.id()).put("name", call.name());
    block.set("input", Json.parseOrMissing(call.arguments()));
    return block;
  }

  /** A block as content_block_start announces it, before any delta. */
  private static ObjectNode emptyBlock(Part part) {
    if (part instanceof Part.Text) {
      return Json.object().put("type", "text").put("text", "");
    }
    if (part instanceof Part.Thinking) {
      return Json.object().put("type", "thinking").put("thinking", "");
    }
    Part.ToolCall call = (Part.ToolCall) part;
    ObjectNode block = Json.object().put("type", "tool_use");
    block.put("id", call.id()).put("name", call.name()).putObject("input");
    return block;
  }

  private static List<ObjectNode> deltas(Part part) {
    List<ObjectNode> deltas = new ArrayList<>();
    if (part instanceof Part.Text text) {
      for (String piece : Pieces.words(text.text())) {
        deltas.add(Json.object().put("type", "text_delta").put("text", piece));
      }
    } else if (part instanceof Part.Thinking thinking) {
      for (String piece : Pieces.words(thinking.text())) {
        deltas.add(Json.object().put("type", "thinking_delta").put("thinking", piece));
      }
      // The signature arrives whole, just before the block stops.
      deltas.add(
          Json.object().put("type", "signature_delta").put("signature", thinking.signature()));
    } else {
      Part.ToolCall call = (Part.ToolCall) part;
      for (String fragment : Pieces.fragments(call.arguments())) {
        deltas.add(Json.object().put("type", "input_json_delta").put("partial_json", fragment));
      }
    }
    return deltas;
  }

  private static ObjectNode event(String type) {
    return Json.object().put("type", type);
  }

  private static ObjectNode usage(Usage usage, int outputTokens) {
    ObjectNode json = Json.object();
    json.put("input_tokens", usage.uncachedInputTokens());
    json.put("cache_creation_input_tokens", usage.cacheWriteTokens());
    json.put("cache_read_input_tokens", usage.cacheReadTokens());
    json.put("output_tokens", outputTokens);
    return json;
  }

  private static String stopReason(Finish finish) {
    return switch (finish) {
      case STOP -> "end_turn";
      case TOOL_CALLS -> "tool_use";
      case LENGTH -> "max_tokens";
      case CONTENT_FILTER -> "refusal";
    };
  }

  private static String errorType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }
}

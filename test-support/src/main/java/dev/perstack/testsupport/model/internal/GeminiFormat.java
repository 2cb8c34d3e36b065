package dev.perstack.testsupport.model.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.testsupport.model.Answer;
import dev.perstack.testsupport.model.Finish;
import dev.perstack.testsupport.model.Part;
import dev.perstack.testsupport.model.RecordedRequest;
import dev.perstack.testsupport.model.Usage;
import dev.perstack.testsupport.model.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;

/**
 * Gemini generateContent: every chunk is a whole GenerateContentResponse holding the new parts, and
 * the last one carries finishReason and usageMetadata, so a cut stream simply lacks them.
 */
final class GeminiFormat implements ProviderFormat {
  static final GeminiFormat INSTANCE = new GeminiFormat();

  private GeminiFormat() {}

  @Override
  public WireFormat wireFormat() {
    return WireFormat.GEMINI;
  }

  @Override
  public boolean streams(RecordedRequest request) {
    return request.path().endsWith(":streamGenerateContent");
  }

  @Override
  public Framing framing(RecordedRequest request) {
    boolean sse = request.queryParameter("alt").filter("sse"::equals).isPresent();
    return sse ? Framing.SSE_CRLF : Framing.JSON_ARRAY;
  }

  @Override
  public ObjectNode message(Answer answer, RecordedRequest request) {
    List<ObjectNode> parts = new ArrayList<>();
    Signer signer = new Signer(answer);
    for (Part part : answer.parts()) {
      parts.add(signer.sign(part, whole(part)));
    }
    return response(request, parts, Optional.of(answer));
  }

  @Override
  public List<StreamEvent> events(Answer answer, RecordedRequest request) {
    List<ObjectNode> parts = new ArrayList<>();
    Signer signer = new Signer(answer);
    for (Part part : answer.parts()) {
      if (part instanceof Part.Text text) {
        Pieces.words(text.text()).forEach(piece -> parts.add(Json.object().put("text", piece)));
      } else if (part instanceof Part.Thinking thinking) {
        Pieces.words(thinking.text())
            .forEach(piece -> parts.add(Json.object().put("text", piece).put("thought", true)));
      } else {
        // Gemini sends a function call whole, never as argument fragments.
        parts.add(signer.sign(part, whole(part)));
      }
    }
    if (parts.isEmpty()) {
      parts.add(Json.object().put("text", ""));
    }
    List<StreamEvent> events = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      boolean last = i == parts.size() - 1;
      Optional<Answer> ending = last ? Optional.of(answer) : Optional.empty();
      events.add(StreamEvent.data(response(request, List.of(parts.get(i)), ending)));
    }
    return events;
  }

  @Override
  public ObjectNode error(int status, String message, OptionalLong retryAfterSeconds) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("code", status).put("message", message).put("status", errorStatus(status));
    retryAfterSeconds.ifPresent(
        seconds ->
            error
                .putArray("details")
                .addObject()
                .put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                .put("retryDelay", seconds + "s"));
    return root;
  }

  /** A response with {@code parts}; {@code ending} adds the finish reason and usage. */
  private static ObjectNode response(
      RecordedRequest request, List<ObjectNode> parts, Optional<Answer> ending) {
    ObjectNode root = Json.object();
    ObjectNode candidate = root.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addAll(parts);
    content.put("role", "model");
    ending.ifPresent(answer -> candidate.put("finishReason", finishReason(answer.finish())));
    candidate.put("index", 0);
    ending.ifPresent(answer -> root.set("usageMetadata", usage(answer.usage())));
    root.put("modelVersion", model(request));
    root.put("responseId", "scripted-" + request.number());
    return root;
  }

  private static ObjectNode whole(Part part) {
    if (part instanceof Part.Text text) {
      return Json.object().put("text", text.text());
    }
    if (part instanceof Part.Thinking thinking) {
      return Json.object().put("text", thinking.text()).put("thought", true);
    }
    Part.ToolCall call = (Part.ToolCall) part;
    ObjectNode json = Json.object();
    ObjectNode functionCall = json.putObject("functionCall").put("name", call.name());
    functionCall.set("args", Json.parseOrMissing(call.arguments()));
    return json;
  }

  private static String model(RecordedRequest request) {
    Matcher matcher = Routes.GEMINI.matcher(request.path());
    return matcher.matches() ? matcher.group("model") : "scripted-model";
  }

  private static ObjectNode usage(Usage usage) {
    ObjectNode json = Json.object();
    json.put("promptTokenCount", usage.inputTokens());
    json.put("candidatesTokenCount", usage.visibleOutputTokens());
    json.put("totalTokenCount", usage.totalTokens());
    // Gemini leaves out counts that do not apply rather than sending zeros.
    if (usage.reasoningTokens() > 0) {
      json.put("thoughtsTokenCount", usage.reasoningTokens());
    }
    if (usage.cacheReadTokens() > 0) {
      json.put("cachedContentTokenCount", usage.cacheReadTokens());
    }
    return json;
  }

  private static String finishReason(Finish finish) {
    return switch (finish) {
      case STOP, TOOL_CALLS -> "STOP";
      case LENGTH -> "MAX_TOKENS";
      case CONTENT_FILTER -> "SAFETY";
    };
  }

  private static String errorStatus(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 501 -> "UNIMPLEMENTED";
      case 503 -> "UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
    };
  }

  /**
   * Puts the thinking's signature on the first function call, as {@code thoughtSignature}, which is
   * where Gemini returns it for clients to send back with the call.
   */
  private static final class Signer {
    private Optional<String> pending;

    Signer(Answer answer) {
      pending = Contents.thinking(answer).stream().map(Part.Thinking::signature).findFirst();
    }

    ObjectNode sign(Part part, ObjectNode json) {
      if (part instanceof Part.ToolCall && pending.isPresent()) {
        json.put("thoughtSignature", pending.get());
        pending = Optional.empty();
      }
      return json;
    }
  }
}

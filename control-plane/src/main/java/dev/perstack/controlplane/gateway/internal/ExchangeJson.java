package dev.perstack.controlplane.gateway.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.controlplane.gateway.Exchange;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.generation.GenerationResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** The JSON-lines form of an {@link Exchange}: one object per line, protocol shapes inside. */
public final class ExchangeJson {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ExchangeJson() {}

  /** One exchange as a line of JSON with every message written out, without the line break. */
  public static String encode(Exchange exchange) {
    return encode(exchange, new java.util.HashSet<>());
  }

  /**
   * One exchange as a line of JSON; a request message whose id is in {@code written} becomes {@code
   * {"ref": id}}, and the ids of the messages written out in full are added to it. A job's requests
   * repeat its whole conversation, so this keeps a recording linear in its length.
   */
  public static String encode(Exchange exchange, java.util.Set<String> written) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("requestDigest", exchange.requestDigest());
    json.put("jobId", exchange.jobId());
    json.put("provider", exchange.provider());
    json.put("model", exchange.model());
    json.put("startedAt", exchange.startedAt().toString());
    json.put("durationMs", exchange.durationMillis());
    json.put("attempts", exchange.attempts());
    exchange.response().ifPresent(response -> json.set("response", CODEC.toTree(response)));
    exchange.error().ifPresent(error -> json.set("error", CODEC.toTree(error)));
    exchange
        .costUsd()
        .ifPresentOrElse(cost -> json.put("costUsd", cost), () -> json.putNull("costUsd"));
    json.put("priceTable", exchange.priceTable());
    ObjectNode request = (ObjectNode) CODEC.toTree(exchange.request());
    com.fasterxml.jackson.databind.node.ArrayNode messages = request.putArray("messages");
    for (JsonNode message : CODEC.toTree(exchange.request()).path("messages")) {
      String id = message.path("id").asText();
      if (written.contains(id)) {
        messages.addObject().put("ref", id);
      } else {
        messages.add(message);
        written.add(id);
      }
    }
    json.set("request", request);
    return write(json);
  }

  /**
   * One exchange from a line of JSON.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static Exchange decode(String line) {
    return decode(line, new java.util.HashMap<>());
  }

  /**
   * One exchange from a line of JSON, resolving {@code {"ref": id}} messages from {@code known}
   * (the messages of earlier lines of the same job) and adding this line's messages to it.
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed, or the message
   *     a reference points to when no earlier line holds it
   */
  public static Exchange decode(String line, Map<String, JsonNode> known) {
    JsonNode json = parse(line);
    JsonNode request = json.get("request");
    if (request != null && request.path("messages").isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode resolved = MAPPER.createArrayNode();
      for (JsonNode message : request.get("messages")) {
        if (message.has("ref") && !message.has("type")) {
          JsonNode full = known.get(message.path("ref").asText());
          if (full == null) {
            throw new IllegalArgumentException(
                "request message ref "
                    + message.path("ref").asText()
                    + " names no message of an earlier line of this job");
          }
          resolved.add(full);
        } else {
          resolved.add(message);
          known.put(message.path("id").asText(), message);
        }
      }
      ((ObjectNode) request).set("messages", resolved);
    }
    try {
      return new Exchange(
          text(json, "jobId"),
          text(json, "provider"),
          text(json, "model"),
          text(json, "requestDigest"),
          request(json.get("request")),
          Instant.parse(text(json, "startedAt")),
          json.path("durationMs").asLong(0),
          json.path("attempts").asInt(1),
          response(json),
          error(json),
          cost(json),
          json.path("priceTable").asText(""));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("startedAt is not an ISO-8601 instant", e);
    }
  }

  /** A line parsed as a JSON object. */
  public static JsonNode parse(String line) {
    try {
      JsonNode json = MAPPER.readTree(line);
      if (json == null || !json.isObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The {@code response} of a recorded line, if it has one. */
  public static Optional<GenerationResponse> response(JsonNode json) {
    return decodeOptional(json.get("response"), GenerationResponse.class, "response");
  }

  /** The {@code error} of a recorded line, if it has one. */
  public static Optional<RunError> error(JsonNode json) {
    return decodeOptional(json.get("error"), RunError.class, "error");
  }

  private static GenerationRequest request(JsonNode node) {
    return decodeOptional(node, GenerationRequest.class, "request")
        .orElseThrow(() -> new IllegalArgumentException("request is missing"));
  }

  private static Optional<BigDecimal> cost(JsonNode json) {
    JsonNode cost = json.get("costUsd");
    return cost == null || !cost.isNumber() ? Optional.empty() : Optional.of(cost.decimalValue());
  }

  private static <T> Optional<T> decodeOptional(JsonNode node, Class<T> type, String field) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(CODEC.decode(write(node), type));
    } catch (ProtocolException e) {
      throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " is missing or not a string");
    }
    return value.asText();
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}

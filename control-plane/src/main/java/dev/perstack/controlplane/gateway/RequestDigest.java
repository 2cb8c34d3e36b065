package dev.perstack.controlplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.generation.GenerationRequest;
import dev.perstack.protocol.message.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The canonical form and SHA-256 digest of a generation request: its JSON with object keys sorted
 * and the ids of messages and parts left out, so the same conversation gets the same digest
 * whichever run produced it. Tool-call ids, tool schemas and arguments are kept as they are.
 */
public final class RequestDigest {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RequestDigest() {}

  /** {@code sha256:} and the lower-case hex SHA-256 of {@link #canonicalJson}. */
  public static String of(GenerationRequest request) {
    MessageDigest sha = sha256();
    sha.update(canonicalJson(request).getBytes(StandardCharsets.UTF_8));
    return hex(sha);
  }

  /** The request as compact JSON with sorted keys and no message or part ids. */
  public static String canonicalJson(GenerationRequest request) {
    ObjectNode tree = (ObjectNode) CODEC.toTree(request);
    for (JsonNode message : tree.path("messages")) {
      stripIds(message);
    }
    return write(sorted(tree));
  }

  /**
   * The canonical JSON of the request around its messages: what comes before the first message (up
   * to and with the {@code [} of {@code messages}) and what comes after the last (from its {@code
   * ]} on). Joined with the messages' canonical JSON, comma-separated, it is {@link
   * #canonicalJson}.
   */
  static String[] aroundMessages(GenerationRequest request) {
    ObjectNode tree = (ObjectNode) CODEC.toTree(request);
    tree.putArray("messages");
    String json = write(sorted(tree));
    // Keys are sorted and only expertKey (a string, whose quotes are escaped) and maxTokens come
    // first: the first unescaped "messages":[] is the request's own.
    String empty = "\"messages\":[]";
    int at = json.indexOf(empty);
    int split = at + empty.length() - 1;
    return new String[] {json.substring(0, split), json.substring(split)};
  }

  /** One message's canonical JSON, as it appears in {@link #canonicalJson}. */
  static String canonicalMessage(Message message) {
    JsonNode tree = CODEC.toTree(message);
    stripIds(tree);
    return write(sorted(tree));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** {@code sha256:} and the hex of what {@code sha} has digested. */
  static String hex(MessageDigest sha) {
    return "sha256:" + HexFormat.of().formatHex(sha.digest());
  }

  private static String write(JsonNode tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /** Removes {@code id} from a message, its parts, and the parts of its tool results. */
  private static void stripIds(JsonNode message) {
    if (!(message instanceof ObjectNode object)) {
      return;
    }
    object.remove("id");
    for (JsonNode part : object.path("contents")) {
      if (part instanceof ObjectNode partObject) {
        partObject.remove("id");
        for (JsonNode inner : partObject.path("contents")) {
          if (inner instanceof ObjectNode innerObject) {
            innerObject.remove("id");
          }
        }
      }
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      List<String> names = new ArrayList<>();
      Iterator<String> it = node.fieldNames();
      it.forEachRemaining(names::add);
      Collections.sort(names);
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}

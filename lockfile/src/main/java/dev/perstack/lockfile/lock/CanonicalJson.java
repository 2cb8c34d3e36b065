package dev.perstack.lockfile.lock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON in one canonical form (keys sorted at every level, no whitespace) and its digest: the basis
 * of every {@code sha256:} digest in {@code perstack.lock}.
 */
public final class CanonicalJson {
  /** The prefix of every digest this class produces. */
  public static final String SHA256_PREFIX = "sha256:";

  private static final JsonFactory FACTORY = new JsonFactory();

  private CanonicalJson() {}

  /**
   * The canonical JSON text of a Jackson {@link JsonNode} or of a tree of String, Number, Boolean,
   * null, List and Map with String keys.
   *
   * @throws IllegalArgumentException for any other value or a number that is not finite
   */
  public static String write(Object treeOrJson) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      if (treeOrJson instanceof JsonNode node) {
        writeNode(generator, node);
      } else {
        writeTree(generator, treeOrJson);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing JSON to memory failed", e);
    }
    return out.toString();
  }

  /** {@code "sha256:"} and the lower-case hex SHA-256 of the UTF-8 bytes of {@code json}. */
  public static String sha256(String json) {
    return sha256(json.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256(byte[] bytes) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return SHA256_PREFIX + HexFormat.of().formatHex(digest.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static void writeNode(JsonGenerator out, JsonNode node) throws IOException {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        sorted.put(property.getKey(), property.getValue());
      }
      out.writeStartObject();
      for (Map.Entry<String, JsonNode> property : sorted.entrySet()) {
        out.writeFieldName(property.getKey());
        writeNode(out, property.getValue());
      }
      out.writeEndObject();
    } else if (node.isArray()) {
      out.writeStartArray();
      for (JsonNode element : node) {
        writeNode(out, element);
      }
      out.writeEndArray();
    } else if (node.isTextual()) {
      out.writeString(node.textValue());
    } else if (node.isBoolean()) {
      out.writeBoolean(node.booleanValue());
    } else if (node.isNull() || node.isMissingNode()) {
      out.writeNull();
    } else if (node.isBigInteger()) {
      out.writeNumber(node.bigIntegerValue());
    } else if (node.isIntegralNumber()) {
      out.writeNumber(node.longValue());
    } else if (node.isBigDecimal()) {
      out.writeNumber(node.decimalValue());
    } else if (node.isNumber()) {
      out.writeNumber(finite(node.doubleValue()));
    } else {
      throw new IllegalArgumentException(
          "JSON node of type " + node.getNodeType() + " has no text");
    }
  }

  private static void writeTree(JsonGenerator out, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String text) {
      out.writeString(text);
    } else if (value instanceof Boolean flag) {
      out.writeBoolean(flag);
    } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      out.writeNumber(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      out.writeNumber(finite(((Number) value).doubleValue()));
    } else if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      map.forEach(
          (k, v) -> {
            if (!(k instanceof String key)) {
              throw new IllegalArgumentException("JSON object keys are strings, not " + k);
            }
            sorted.put(key, v);
          });
      out.writeStartObject();
      for (Map.Entry<String, Object> entry : sorted.entrySet()) {
        out.writeFieldName(entry.getKey());
        writeTree(out, entry.getValue());
      }
      out.writeEndObject();
    } else if (value instanceof List<?> list) {
      out.writeStartArray();
      for (Object element : list) {
        writeTree(out, element);
      }
      out.writeEndArray();
    } else if (value instanceof JsonNode node) {
      writeNode(out, node);
    } else {
      throw new IllegalArgumentException(
          "a " + value.getClass().getSimpleName() + " has no canonical JSON form");
    }
  }

  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("JSON has no form for the number " + value);
    }
    return value;
  }
}

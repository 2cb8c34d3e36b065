package dev.perstack.agent.base;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.ToolCallException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Reads the model's arguments, which may be any JSON, with errors that name the field. */
final class Args {
  private Args() {}

  static String string(ObjectNode args, String field) throws ToolCallException {
    JsonNode node = field(args, field);
    if (node == null || node.isNull()) {
      throw new ToolCallException("Invalid arguments: '" + field + "' is required (a string)");
    }
    if (!node.isTextual()) {
      throw wrongType(field, "a string");
    }
    return node.textValue();
  }

  static Optional<String> optionalString(ObjectNode args, String field) throws ToolCallException {
    JsonNode node = field(args, field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw wrongType(field, "a string");
    }
    return Optional.of(node.textValue());
  }

  static boolean bool(ObjectNode args, String field, boolean fallback) throws ToolCallException {
    JsonNode node = field(args, field);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw wrongType(field, "true or false");
    }
    return node.booleanValue();
  }

  static OptionalDouble number(ObjectNode args, String field) throws ToolCallException {
    JsonNode node = field(args, field);
    if (node == null || node.isNull()) {
      return OptionalDouble.empty();
    }
    if (!node.isNumber()) {
      throw wrongType(field, "a number");
    }
    return OptionalDouble.of(node.doubleValue());
  }

  static List<String> strings(ObjectNode args, String field) throws ToolCallException {
    List<String> out = new ArrayList<>();
    for (JsonNode item : array(args, field)) {
      if (!item.isTextual()) {
        throw wrongType(field, "an array of strings");
      }
      out.add(item.textValue());
    }
    return out;
  }

  static List<Double> numbers(ObjectNode args, String field) throws ToolCallException {
    List<Double> out = new ArrayList<>();
    for (JsonNode item : array(args, field)) {
      if (!item.isNumber()) {
        throw wrongType(field, "an array of numbers");
      }
      out.add(item.doubleValue());
    }
    return out;
  }

  static Map<String, String> stringMap(ObjectNode args, String field) throws ToolCallException {
    JsonNode node = field(args, field);
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      throw wrongType(field, "an object of string values");
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      if (!entry.getValue().isTextual()) {
        throw wrongType(field + "." + entry.getKey(), "a string");
      }
      out.put(entry.getKey(), entry.getValue().textValue());
    }
    return out;
  }

  private static List<JsonNode> array(ObjectNode args, String field) throws ToolCallException {
    JsonNode node = field(args, field);
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isArray()) {
      throw wrongType(field, "an array");
    }
    node.forEach(out::add);
    return out;
  }

  private static JsonNode field(ObjectNode args, String field) {
    return args == null ? null : args.get(field);
  }

  private static ToolCallException wrongType(String field, String expected) {
    return new ToolCallException("Invalid arguments: '" + field + "' must be " + expected);
  }
}

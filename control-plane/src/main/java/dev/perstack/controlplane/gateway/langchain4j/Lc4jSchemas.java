package dev.perstack.controlplane.gateway.langchain4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.perstack.protocol.generation.ToolDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Tool definitions as langchain4j tool specifications.
 *
 * <p>In {@link Mode#RAW} every property schema is passed as written ({@link JsonRawSchema}), so
 * OpenAI-compatible and Anthropic requests carry the tool's JSON Schema keyword for keyword. In
 * {@link Mode#STRUCTURED} (Gemini, whose {@code parameters} take an OpenAPI subset) the schema is
 * converted to langchain4j's typed elements: types, descriptions, enums, items, properties,
 * required, nullability and {@code anyOf}/{@code oneOf}, with local {@code $ref}s inlined; other
 * keywords are dropped because Gemini would refuse them.
 */
final class Lc4jSchemas {
  private static final int MAX_REF_DEPTH = 8;

  /** How faithfully the provider can take a JSON Schema. */
  enum Mode {
    RAW,
    STRUCTURED
  }

  private Lc4jSchemas() {}

  static List<ToolSpecification> toolSpecifications(List<ToolDefinition> tools, Mode mode) {
    List<ToolSpecification> specifications = new ArrayList<>();
    for (ToolDefinition tool : tools) {
      ToolSpecification.Builder builder =
          ToolSpecification.builder().name(tool.name()).parameters(parameters(tool, mode));
      tool.description().ifPresent(builder::description);
      specifications.add(builder.build());
    }
    return specifications;
  }

  static JsonObjectSchema parameters(ToolDefinition tool, Mode mode) {
    ObjectNode schema = tool.inputSchema();
    if (mode == Mode.STRUCTURED) {
      return objectSchema(schema, schema, 0);
    }
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    text(schema, "description").ifPresent(builder::description);
    schema
        .path("properties")
        .properties()
        .iterator()
        .forEachRemaining(
            property ->
                builder.addProperty(
                    property.getKey(), JsonRawSchema.from(property.getValue().toString())));
    builder.required(strings(schema.path("required")));
    if (schema.path("additionalProperties").isBoolean()) {
      builder.additionalProperties(schema.get("additionalProperties").asBoolean());
    }
    return builder.build();
  }

  private static JsonObjectSchema objectSchema(JsonNode node, JsonNode root, int depth) {
    JsonObjectSchema.Builder builder = JsonObjectSchema.builder();
    text(node, "description").ifPresent(builder::description);
    Iterator<Map.Entry<String, JsonNode>> properties =
        node.path("properties").properties().iterator();
    while (properties.hasNext()) {
      Map.Entry<String, JsonNode> property = properties.next();
      builder.addProperty(property.getKey(), element(property.getValue(), root, depth + 1));
    }
    builder.required(strings(node.path("required")));
    return builder.build();
  }

  private static JsonSchemaElement element(JsonNode node, JsonNode root, int depth) {
    String description = text(node, "description").orElse(null);
    if (node.has("$ref") && depth <= MAX_REF_DEPTH) {
      JsonNode target = resolve(root, node.get("$ref").asText());
      if (target != null) {
        return element(target, root, depth + 1);
      }
    }
    for (String union : List.of("anyOf", "oneOf")) {
      if (node.path(union).isArray()) {
        List<JsonSchemaElement> options = new ArrayList<>();
        node.get(union).forEach(option -> options.add(element(option, root, depth + 1)));
        return JsonAnyOfSchema.builder().description(description).anyOf(options).build();
      }
    }
    JsonNode type = node.get("type");
    if (type != null && type.isArray()) {
      List<JsonSchemaElement> options = new ArrayList<>();
      for (JsonNode single : type) {
        ObjectNode copy = ((ObjectNode) node).deepCopy();
        copy.set("type", single);
        options.add(element(copy, root, depth + 1));
      }
      return options.size() == 1
          ? options.get(0)
          : JsonAnyOfSchema.builder().description(description).anyOf(options).build();
    }
    String name = type == null ? inferType(node) : type.asText();
    return switch (name) {
      case "object" -> objectSchema(node, root, depth);
      case "array" ->
          JsonArraySchema.builder()
              .description(description)
              .items(
                  node.has("items")
                      ? element(node.get("items"), root, depth + 1)
                      : new JsonStringSchema())
              .build();
      case "integer" -> JsonIntegerSchema.builder().description(description).build();
      case "number" -> JsonNumberSchema.builder().description(description).build();
      case "boolean" -> JsonBooleanSchema.builder().description(description).build();
      case "null" -> new JsonNullSchema();
      default ->
          node.path("enum").isArray()
              ? JsonEnumSchema.builder()
                  .description(description)
                  .enumValues(strings(node.get("enum")))
                  .build()
              : JsonStringSchema.builder().description(description).build();
    };
  }

  private static String inferType(JsonNode node) {
    if (node.has("properties")) {
      return "object";
    }
    if (node.has("items")) {
      return "array";
    }
    return "string";
  }

  private static JsonNode resolve(JsonNode root, String ref) {
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode target = root.at(ref.substring(1));
    return target.isMissingNode() ? null : target;
  }

  private static java.util.Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual()
        ? java.util.Optional.of(value.asText())
        : java.util.Optional.empty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(value -> values.add(value.asText()));
    return values;
  }
}

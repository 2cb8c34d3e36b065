package dev.perstack.controlplane.gateway.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.perstack.protocol.generation.ToolDefinition;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Lc4jSchemasTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static ToolDefinition tool(String schema) throws Exception {
    return new ToolDefinition("t", Optional.empty(), (ObjectNode) MAPPER.readTree(schema));
  }

  private static final String SCHEMA =
      "{\"type\":\"object\",\"description\":\"args\",\"$defs\":{\"mode\":{\"type\":\"string\","
          + "\"enum\":[\"a\",\"b\"]}},\"properties\":{"
          + "\"n\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":9},"
          + "\"maybe\":{\"type\":[\"string\",\"null\"],\"format\":\"date\"},"
          + "\"mode\":{\"$ref\":\"#/$defs/mode\"},"
          + "\"list\":{\"type\":\"array\",\"items\":{\"type\":\"object\",\"properties\":"
          + "{\"x\":{\"type\":\"number\"}}}}},\"required\":[\"n\"]}";

  @Test
  void rawModeKeepsEveryKeywordOfEveryProperty() throws Exception {
    JsonObjectSchema schema = Lc4jSchemas.parameters(tool(SCHEMA), Lc4jSchemas.Mode.RAW);

    assertThat(schema.description()).isEqualTo("args");
    assertThat(schema.required()).containsExactly("n");
    assertThat(schema.properties().get("n")).isInstanceOf(JsonRawSchema.class);
    Map<String, Object> map = JsonSchemaElementUtils.toMap(schema.properties().get("n"));
    assertThat(map).containsEntry("minimum", 1).containsEntry("maximum", 9);
    assertThat(JsonSchemaElementUtils.toMap(schema.properties().get("maybe")))
        .containsEntry("format", "date");
  }

  @Test
  void structuredModeConvertsWhatGeminiTakes() throws Exception {
    JsonObjectSchema schema = Lc4jSchemas.parameters(tool(SCHEMA), Lc4jSchemas.Mode.STRUCTURED);

    assertThat(schema.required()).containsExactly("n");
    assertThat(schema.properties().get("maybe")).isInstanceOf(JsonAnyOfSchema.class);
    // The local $ref is inlined.
    assertThat(schema.properties().get("mode")).isInstanceOf(JsonEnumSchema.class);
    assertThat(((JsonEnumSchema) schema.properties().get("mode")).enumValues())
        .containsExactly("a", "b");
    JsonArraySchema list = (JsonArraySchema) schema.properties().get("list");
    assertThat(((JsonObjectSchema) list.items()).properties()).containsKey("x");
  }
}

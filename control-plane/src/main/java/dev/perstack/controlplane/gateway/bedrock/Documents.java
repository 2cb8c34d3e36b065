package dev.perstack.controlplane.gateway.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;

/** JSON trees to AWS SDK documents and back, exactly: schemas and tool arguments use them. */
final class Documents {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Documents() {}

  static Document toDocument(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Document.fromNull();
    }
    if (node.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      node.properties().forEach(entry -> map.put(entry.getKey(), toDocument(entry.getValue())));
      return Document.fromMap(map);
    }
    if (node.isArray()) {
      List<Document> list = new ArrayList<>();
      node.forEach(element -> list.add(toDocument(element)));
      return Document.fromList(list);
    }
    if (node.isBoolean()) {
      return Document.fromBoolean(node.asBoolean());
    }
    if (node.isIntegralNumber()) {
      return Document.fromNumber(SdkNumber.fromBigInteger(node.bigIntegerValue()));
    }
    if (node.isNumber()) {
      return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
    }
    return Document.fromString(node.asText());
  }

  static JsonNode toJson(Document document) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    if (document == null || document.isNull()) {
      return nodes.nullNode();
    }
    if (document.isMap()) {
      ObjectNode object = nodes.objectNode();
      document.asMap().forEach((key, value) -> object.set(key, toJson(value)));
      return object;
    }
    if (document.isList()) {
      ArrayNode array = nodes.arrayNode();
      document.asList().forEach(value -> array.add(toJson(value)));
      return array;
    }
    if (document.isBoolean()) {
      return nodes.booleanNode(document.asBoolean());
    }
    if (document.isNumber()) {
      return nodes.numberNode(document.asNumber().bigDecimalValue());
    }
    return nodes.textNode(document.asString());
  }
}

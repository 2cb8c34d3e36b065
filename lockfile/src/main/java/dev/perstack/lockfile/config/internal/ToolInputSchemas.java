package dev.perstack.lockfile.config.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Optional;

/**
 * Checks an interactive tool's {@code inputJsonSchema}: JSON, an object, valid against the JSON
 * Schema 2020-12 meta-schema, and describing an object (tool inputs are named arguments).
 */
final class ToolInputSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  private ToolInputSchemas() {}

  /**
   * Starts loading the meta-schema on another thread, so that it overlaps with parsing the file
   * (loading it is most of the time a file with interactive tools takes to check).
   */
  static void prepareInBackground() {
    Thread loader = new Thread(() -> MetaSchema.SCHEMA.getClass(), "perstack-meta-schema");
    loader.setDaemon(true);
    loader.start();
  }

  /** Why the text is not a usable tool input schema, or empty when it is. */
  static Optional<String> whyNotUsable(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Optional.of(
          "is not valid JSON (" + e.getOriginalMessage() + " at character " + offset(e) + ")");
    }
    if (node == null || !node.isObject()) {
      return Optional.of("must be a JSON object, like {\"type\":\"object\",\"properties\":{...}}");
    }
    List<Error> errors = MetaSchema.SCHEMA.validate(node);
    if (!errors.isEmpty()) {
      return Optional.of("is not a valid JSON Schema: " + errors.get(0).toString());
    }
    JsonNode type = node.get("type");
    if (type != null && !(type.isTextual() && type.asText().equals("object"))) {
      return Optional.of("must describe an object (`\"type\": \"object\"`), not " + type);
    }
    return Optional.empty();
  }

  private static long offset(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
  }

  /** Loaded on first use: files without interactive skills never pay for it. */
  private static final class MetaSchema {
    static final Schema SCHEMA =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaLocation.of(META_SCHEMA));
  }
}

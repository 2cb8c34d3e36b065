package dev.perstack.lockfile.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.lockfile.lock.internal.LockFormats;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool as a skill listed it when the lock was written, served to the model without starting the
 * skill.
 *
 * @param skillName the skill that offers the tool
 * @param name the tool's name
 * @param description shown to the model
 * @param inputSchema the tool's input JSON Schema, held in canonical form (keys sorted, numbers as
 *     JSON reads them back), so that a schema read from a file equals the one written
 * @param schemaDigest {@link CanonicalJson#sha256} of the canonical schema; it must match
 */
public record LockedToolDefinition(
    String skillName,
    String name,
    Optional<String> description,
    ObjectNode inputSchema,
    String schemaDigest) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public LockedToolDefinition {
    Objects.requireNonNull(skillName, "skillName");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(inputSchema, "inputSchema");
    Objects.requireNonNull(schemaDigest, "schemaDigest");
    LockFormats.require("tool skillName", LockFormats.whyBlank(skillName));
    LockFormats.require("tool name", LockFormats.whyBlank(name));
    LockFormats.require("schemaDigest of tool " + name, LockFormats.whyNotSha256(schemaDigest));
    ObjectNode normalized = normalize(inputSchema);
    String computed = CanonicalJson.sha256(CanonicalJson.write(normalized));
    if (!computed.equals(schemaDigest)) {
      throw new IllegalArgumentException(
          "schemaDigest of tool "
              + skillName
              + "/"
              + name
              + " is "
              + schemaDigest
              + " but its inputSchema hashes to "
              + computed);
    }
    inputSchema = normalized;
  }

  /** A tool definition with its {@code schemaDigest} computed. */
  public static LockedToolDefinition of(
      String skillName, String name, Optional<String> description, ObjectNode inputSchema) {
    return new LockedToolDefinition(
        skillName,
        name,
        description,
        inputSchema,
        CanonicalJson.sha256(CanonicalJson.write(normalize(inputSchema))));
  }

  /** A copy of the schema: the record stays unchanged whatever a caller does with it. */
  @Override
  public ObjectNode inputSchema() {
    return inputSchema.deepCopy();
  }

  /** The schema in canonical JSON, as the lock file holds it. */
  public String inputSchemaJson() {
    return CanonicalJson.write(inputSchema);
  }

  /**
   * The schema as it reads back from its canonical JSON: sorted keys and Jackson's default number
   * types, so that the digest and equality do not depend on how the caller built the node.
   */
  private static ObjectNode normalize(ObjectNode schema) {
    String canonical = CanonicalJson.write(schema);
    try {
      return (ObjectNode) JSON.readTree(canonical);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical JSON did not parse back: " + canonical, e);
    }
  }
}

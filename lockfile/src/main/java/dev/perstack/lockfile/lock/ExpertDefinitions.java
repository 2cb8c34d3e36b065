package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.lock.internal.CanonicalExpert;
import java.util.Map;

/**
 * The canonical, comparable form of an expert definition and its digest, which a lock records so
 * that a changed {@code perstack.toml} is noticed.
 *
 * <p>The tree holds everything that decides behaviour, named as in {@code perstack.toml}: {@code
 * key} (the full key), {@code version}, {@code description}, {@code instruction}, {@code skills}
 * (by name, each with its {@code type}: {@code mcpStdioSkill}, {@code mcpSseSkill}, {@code
 * interactiveSkill}, or {@code base} for {@code @perstack/base}, and all its fields; an interactive
 * tool's {@code inputJsonSchema} in canonical JSON), {@code delegates}, {@code tags}, {@code
 * minRuntimeVersion}, {@code providerTools}, {@code providerSkills} and the {@code
 * providerToolOptions} that are set. Key order and whitespace of the file do not show in it.
 */
public final class ExpertDefinitions {
  private ExpertDefinitions() {}

  /**
   * The canonical tree of a resolved expert definition: only String, Long, Double, Boolean, List,
   * Map (sorted keys, Optionals that are empty left out); immutable.
   */
  public static Map<String, Object> canonical(ExpertDefinition expert) {
    return CanonicalExpert.tree(expert);
  }

  /**
   * {@code "sha256:"} + hex SHA-256 of the canonical JSON of {@link #canonical(ExpertDefinition)}.
   */
  public static String digest(ExpertDefinition expert) {
    return digestOf(canonical(expert));
  }

  /** The digest of a canonical tree, as {@link #digest(ExpertDefinition)} computes it. */
  public static String digestOf(Map<String, Object> canonicalTree) {
    return CanonicalJson.sha256(CanonicalJson.write(canonicalTree));
  }
}

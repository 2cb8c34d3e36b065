package dev.perstack.lockfile.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code @perstack/base}, hosted in-process by the sandbox agent; every expert has it.
 *
 * @param requiredEnv variables the author chose to hand to {@code exec} commands
 * @param listed whether the file listed it (otherwise the loader added it)
 */
public record BaseSkill(
    Optional<String> description,
    Optional<String> rule,
    List<String> pick,
    List<String> omit,
    List<String> requiredEnv,
    boolean listed)
    implements SkillDefinition {

  /** The reserved skill name. */
  public static final String NAME = "@perstack/base";

  /** Every tool of the base skill, by its exact name. */
  public static final List<String> TOOLS =
      List.of(
          "attemptCompletion",
          "todo",
          "clearTodo",
          "exec",
          "healthCheck",
          "readTextFile",
          "readImageFile",
          "readPdfFile",
          "writeTextFile",
          "appendTextFile",
          "editTextFile",
          "moveFile",
          "deleteFile",
          "getFileInfo",
          "listDirectory",
          "createDirectory",
          "deleteDirectory");

  /** The base skill as added to an expert that does not list it. */
  public static final BaseSkill IMPLICIT =
      new BaseSkill(Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), false);

  public BaseSkill {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rule, "rule");
    pick = List.copyOf(pick);
    omit = List.copyOf(omit);
    requiredEnv = List.copyOf(requiredEnv);
  }

  @Override
  public String name() {
    return NAME;
  }
}

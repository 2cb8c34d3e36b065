package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;
import java.util.List;
import java.util.Optional;

/**
 * {@code @perstack/base}, which the agent hosts in-process.
 *
 * @param name the skill's key under the expert's {@code skills}
 * @param rule text appended to the system prompt under the skill's name
 * @param pick tool names to keep; empty keeps all
 * @param omit tool names to drop; applied before {@code pick}
 * @param requiredEnv variables handed to {@code exec} commands
 */
public record BaseSkillSpec(
    String name,
    Optional<String> description,
    Optional<String> rule,
    List<String> pick,
    List<String> omit,
    List<String> requiredEnv)
    implements SkillSpec {
  /** The {@code type} of this skill on the wire. */
  public static final String TYPE = "baseSkill";

  public BaseSkillSpec {
    Require.name(name, "name", 255);
    Require.present(description, "description");
    Require.present(rule, "rule");
    if (!NAME.equals(name)) {
      throw new IllegalArgumentException("the base skill must be named " + NAME + ", was " + name);
    }
    pick = Require.list(pick, "pick");
    omit = Require.list(omit, "omit");
    requiredEnv = Require.list(requiredEnv, "requiredEnv");
  }

  @Override
  public String type() {
    return TYPE;
  }

  /** The reserved name of the base skill. */
  public static final String NAME = "@perstack/base";
}

package dev.perstack.lockfile.lock;

import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.lock.internal.CanonicalTrees;
import dev.perstack.lockfile.lock.internal.LockFormats;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One expert as locked: its definition, the digest that detects a changed {@code perstack.toml},
 * the packages its skills run and the tools they offer.
 *
 * @param key the expert's key
 * @param digest {@link ExpertDefinitions#digest} of the definition; {@link #V1_UNVERIFIED} for an
 *     expert read from a version 1 lock, which recorded none
 * @param definition the canonical tree ({@link ExpertDefinitions#canonical}); for a version 1 lock
 *     the expert's table as the original wrote it, without its tool definitions
 * @param skillPackages skill name to the name of its {@link LockedPackage}, only for skills that
 *     run an npm package
 * @param toolDefinitions every tool of every skill, in the order the skills listed them
 */
public record LockedExpert(
    String key,
    String digest,
    Map<String, Object> definition,
    Map<String, String> skillPackages,
    List<LockedToolDefinition> toolDefinitions) {

  /**
   * The digest of an expert from a version 1 lock: the original recorded none, so nothing proves
   * that the definition is the one in {@code perstack.toml}.
   */
  public static final String V1_UNVERIFIED = "v1:unverified";

  public LockedExpert {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(definition, "definition");
    LockFormats.require("expert key", LockFormats.whyBlank(key));
    definition = CanonicalTrees.copy(definition);
    boolean verified = !V1_UNVERIFIED.equals(digest);
    if (verified) {
      LockFormats.require("digest of expert " + key, LockFormats.whyNotSha256(digest));
      String computed = ExpertDefinitions.digestOf(definition);
      if (!computed.equals(digest)) {
        throw new IllegalArgumentException(
            "digest of expert "
                + key
                + " is "
                + digest
                + " but its definition hashes to "
                + computed);
      }
    }
    skillPackages = Collections.unmodifiableMap(new TreeMap<>(skillPackages));
    toolDefinitions = List.copyOf(toolDefinitions);
    Set<String> skills = verified ? CanonicalTrees.skillNames(definition) : null;
    skillPackages.forEach(
        (skill, pkg) -> {
          LockFormats.require("skill name in skillPackages of " + key, LockFormats.whyBlank(skill));
          LockFormats.require("package of skill " + skill, LockFormats.whyNotPackageName(pkg));
          if (skills != null && !skills.contains(skill)) {
            throw new IllegalArgumentException(
                "skillPackages of expert "
                    + key
                    + " names skill "
                    + skill
                    + ", which it does not have");
          }
        });
    Set<String> seen = new HashSet<>();
    for (LockedToolDefinition tool : toolDefinitions) {
      if (!seen.add(tool.skillName() + "\u0000" + tool.name())) {
        throw new IllegalArgumentException(
            "expert " + key + " lists tool " + tool.name() + " of " + tool.skillName() + " twice");
      }
      if (skills != null && !skills.contains(tool.skillName())) {
        throw new IllegalArgumentException(
            "expert "
                + key
                + " has a tool definition for skill "
                + tool.skillName()
                + ", which it does not have");
      }
    }
  }

  /** The locked form of a resolved expert: canonical tree and digest computed. */
  public static LockedExpert of(
      ExpertDefinition expert,
      Map<String, String> skillPackages,
      List<LockedToolDefinition> toolDefinitions) {
    Map<String, Object> tree = ExpertDefinitions.canonical(expert);
    return new LockedExpert(
        expert.key().value(),
        ExpertDefinitions.digestOf(tree),
        tree,
        skillPackages,
        toolDefinitions);
  }

  /** The tools of one skill, in the order the skill listed them. */
  public List<LockedToolDefinition> toolsOf(String skillName) {
    return toolDefinitions.stream().filter(t -> t.skillName().equals(skillName)).toList();
  }

  /** Whether the digest proves the definition (false for experts from a version 1 lock). */
  public boolean verified() {
    return !V1_UNVERIFIED.equals(digest);
  }
}

package dev.perstack.controlplane.lock;

import dev.perstack.image.NpmPackage;
import dev.perstack.lockfile.config.McpStdioSkill;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The npm package an {@code npx} skill runs, as {@code perstack install} pins it.
 *
 * @param spec what the skill names, such as {@code @scope/server@1.2.3} or {@code server}
 * @param name the package name without its version
 * @param serverArgs the arguments npx passes to the package's program
 */
public record NpmSkillPackage(String spec, String name, List<String> serverArgs) {
  // npx flags that take no value; anything else before the package cannot be pinned safely.
  private static final Set<String> FLAGS = Set.of("-y", "--yes", "-q", "--quiet", "--no");

  public NpmSkillPackage {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(name, "name");
    serverArgs = List.copyOf(serverArgs);
  }

  /**
   * The package of a skill started with {@code npx}, named by {@code packageName} or as the first
   * argument after npx's own flags; empty for any other command, which the lock cannot pin.
   *
   * @throws IllegalArgumentException when npx is given options the lock cannot reproduce
   */
  public static Optional<NpmSkillPackage> of(McpStdioSkill skill) {
    return of(skill.name(), skill.command(), skill.packageName(), skill.args());
  }

  /** Like {@link #of(McpStdioSkill)}, for a skill as a job spec carries it. */
  public static Optional<NpmSkillPackage> of(McpStdioSkillSpec skill) {
    return of(skill.name(), skill.command(), skill.packageName(), skill.args());
  }

  private static Optional<NpmSkillPackage> of(
      String skillName, String command, Optional<String> packageName, List<String> args) {
    if (!"npx".equals(command)) {
      return Optional.empty();
    }
    if (packageName.isPresent()) {
      String spec = packageName.get();
      return Optional.of(new NpmSkillPackage(spec, nameOf(skillName, spec), List.of()));
    }
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-")) {
      if (!FLAGS.contains(args.get(i))) {
        throw new IllegalArgumentException(
            "skill "
                + skillName
                + " passes npx the option "
                + args.get(i)
                + ", which perstack install cannot pin; name the package first (`npx -y"
                + " <package> <args>`) or use packageName");
      }
      i++;
    }
    if (i == args.size()) {
      throw new IllegalArgumentException(
          "skill " + skillName + " runs npx without a package; add the package to args");
    }
    String spec = args.get(i);
    return Optional.of(
        new NpmSkillPackage(spec, nameOf(skillName, spec), args.subList(i + 1, args.size())));
  }

  /** {@code @scope/name@1.2.3} → {@code @scope/name}; {@code name@^1} → {@code name}. */
  static String nameOf(String skillName, String spec) {
    try {
      return NpmPackage.nameOf(spec);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("skill " + skillName + ": " + e.getMessage(), e);
    }
  }
}

package dev.perstack.controlplane.lock;

import dev.perstack.image.NpmPackage;
import dev.perstack.image.SkillsLayout;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rewrites an {@code npx} skill to start its pinned package from the skills layer: {@code node
 * <entry> <server args>}, so nothing is downloaded at run time.
 */
final class PinnedSkills {
  private PinnedSkills() {}

  static McpStdioSkillSpec inImage(McpStdioSkillSpec spec, NpmPackage pkg) {
    List<String> args = new ArrayList<>();
    args.add(SkillsLayout.entry(pkg));
    NpmSkillPackage.of(spec).ifPresent(npm -> args.addAll(npm.serverArgs()));
    return new McpStdioSkillSpec(
        spec.name(),
        spec.description(),
        spec.rule(),
        spec.pick(),
        spec.omit(),
        "node",
        Optional.empty(),
        args,
        spec.requiredEnv(),
        spec.allowedDomains(),
        spec.lazyInit());
  }
}

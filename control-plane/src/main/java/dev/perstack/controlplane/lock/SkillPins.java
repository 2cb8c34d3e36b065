package dev.perstack.controlplane.lock;

import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.McpStdioSkill;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.SkillDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which npm package each {@code npx} skill of a configuration runs, checked for clashes: every
 * package is installed once, so two skills may not ask for different versions of one package.
 *
 * @param specs the package specs to install, one per package, in the order first met
 * @param bySkill expert key → skill name → package name
 * @param unpinned one sentence per stdio skill whose command the lock cannot pin
 */
record SkillPins(
    List<String> specs, Map<String, Map<String, String>> bySkill, List<String> unpinned) {

  static SkillPins of(PerstackConfig config) throws InstallException {
    Map<String, String> specByName = new LinkedHashMap<>();
    Map<String, String> firstUser = new LinkedHashMap<>();
    Map<String, Map<String, String>> bySkill = new LinkedHashMap<>();
    List<String> unpinned = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (ExpertDefinition expert : config.experts().values()) {
      String key = expert.key().value();
      Map<String, String> skills = new LinkedHashMap<>();
      for (SkillDefinition skill : expert.skills().values()) {
        if (!(skill instanceof McpStdioSkill stdio)) {
          continue;
        }
        String where = "skill `" + stdio.name() + "` of expert `" + key + "`";
        try {
          var npm = NpmSkillPackage.of(stdio);
          if (npm.isEmpty()) {
            unpinned.add(
                where
                    + " runs `"
                    + stdio.command()
                    + "`, which perstack install cannot pin: it runs as written and needs what it"
                    + " starts to be in the sandbox image");
            continue;
          }
          String name = npm.get().name();
          String earlier = specByName.putIfAbsent(name, npm.get().spec());
          if (earlier != null && !earlier.equals(npm.get().spec())) {
            problems.add(
                where
                    + " asks for "
                    + npm.get().spec()
                    + " but "
                    + firstUser.get(name)
                    + " asks for "
                    + earlier
                    + "; one package is installed once, so give both the same version");
          }
          firstUser.putIfAbsent(name, where);
          skills.put(stdio.name(), name);
        } catch (IllegalArgumentException e) {
          problems.add(e.getMessage());
        }
      }
      bySkill.put(key, skills);
    }
    if (!problems.isEmpty()) {
      throw new InstallException(String.join("\n", problems));
    }
    return new SkillPins(List.copyOf(specByName.values()), bySkill, unpinned);
  }
}

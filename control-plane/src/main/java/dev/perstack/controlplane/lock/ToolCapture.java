package dev.perstack.controlplane.lock;

import dev.perstack.controlplane.spec.JobSpecFactory;
import dev.perstack.image.NpmPackage;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.McpSseSkill;
import dev.perstack.lockfile.config.McpStdioSkill;
import dev.perstack.lockfile.config.PerstackConfig;
import dev.perstack.lockfile.config.SkillDefinition;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import dev.perstack.protocol.job.McpStdioSkillSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import dev.perstack.protocol.listing.ToolListing;
import dev.perstack.protocol.listing.ToolListingRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans the one tool listing that captures every stdio skill of a configuration (each distinct
 * server started once, pinned packages from the skills layer) and files the answer under each
 * expert's skills.
 */
final class ToolCapture {
  private final Map<String, String> listingNameBySkill = new LinkedHashMap<>();
  private final Map<String, SkillSpec> listed = new LinkedHashMap<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final List<String> notCaptured = new ArrayList<>();

  private ToolCapture() {}

  /**
   * @param packages the installed packages by name
   * @param environment where the skills' requiredEnv values come from
   */
  static ToolCapture plan(
      PerstackConfig config,
      SkillPins pins,
      Map<String, NpmPackage> packages,
      Map<String, String> environment)
      throws InstallException {
    ToolCapture capture = new ToolCapture();
    Map<String, String> nameByServer = new LinkedHashMap<>();
    Set<String> used = new HashSet<>();
    List<String> missing = new ArrayList<>();
    for (ExpertDefinition expert : config.experts().values()) {
      String key = expert.key().value();
      for (SkillDefinition skill : expert.skills().values()) {
        if (skill instanceof McpSseSkill sse) {
          capture.notCaptured.add(
              "skill `"
                  + sse.name()
                  + "` of expert `"
                  + key
                  + "` is an SSE skill: sandboxes have no network, so its tools are listed when a"
                  + " job connects to it");
        }
        if (!(skill instanceof McpStdioSkill stdio)) {
          continue;
        }
        McpStdioSkillSpec written = (McpStdioSkillSpec) JobSpecFactory.skill(stdio);
        McpStdioSkillSpec spec =
            Optional.ofNullable(pins.bySkill().getOrDefault(key, Map.of()).get(stdio.name()))
                .map(packages::get)
                .map(pkg -> PinnedSkills.inImage(written, pkg))
                .orElse(written);
        for (String name : stdio.requiredEnv()) {
          String value = environment.get(name);
          if (value == null || value.isEmpty()) {
            missing.add(
                "skill `"
                    + stdio.name()
                    + "` of expert `"
                    + key
                    + "` needs "
                    + name
                    + " to start; export it or add it to a file of envPath");
          } else {
            capture.env.put(name, value);
          }
        }
        String server = spec.command() + "\u0000" + spec.args() + "\u0000" + spec.requiredEnv();
        String listingName = nameByServer.get(server);
        if (listingName == null) {
          listingName = used.add(stdio.name()) ? stdio.name() : stdio.name() + "@" + key;
          used.add(listingName);
          nameByServer.put(server, listingName);
          capture.listed.put(listingName, renamed(spec, listingName));
        }
        capture.listingNameBySkill.put(key + "\u0000" + stdio.name(), listingName);
      }
    }
    if (!missing.isEmpty()) {
      throw new InstallException(String.join("\n", missing));
    }
    return capture;
  }

  /** The request for the agent; empty when no skill needs listing. */
  Optional<ToolListingRequest> request() {
    return listed.isEmpty()
        ? Optional.empty()
        : Optional.of(new ToolListingRequest(List.copyOf(listed.values()), env));
  }

  /** Skills whose tools the lock does not capture, one sentence each. */
  List<String> notCaptured() {
    return List.copyOf(notCaptured);
  }

  /** The captured tools of one expert's skills, in skill order. */
  List<LockedToolDefinition> toolsOf(ExpertDefinition expert, ToolListing listing) {
    List<LockedToolDefinition> tools = new ArrayList<>();
    for (SkillDefinition skill : expert.skills().values()) {
      String listingName = listingNameBySkill.get(expert.key().value() + "\u0000" + skill.name());
      if (listingName == null) {
        continue;
      }
      for (SkillToolDefinition tool : listing.tools()) {
        if (tool.skillName().equals(listingName)) {
          tools.add(
              LockedToolDefinition.of(
                  skill.name(), tool.name(), tool.description(), tool.inputSchema()));
        }
      }
    }
    return tools;
  }

  private static McpStdioSkillSpec renamed(McpStdioSkillSpec spec, String name) {
    return new McpStdioSkillSpec(
        name,
        spec.description(),
        spec.rule(),
        List.of(),
        List.of(),
        spec.command(),
        spec.packageName(),
        spec.args(),
        spec.requiredEnv(),
        spec.allowedDomains(),
        false);
  }
}

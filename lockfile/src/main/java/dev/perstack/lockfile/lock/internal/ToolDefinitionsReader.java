package dev.perstack.lockfile.lock.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.lockfile.config.SourcePosition;
import dev.perstack.lockfile.lock.LockedToolDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Reads an expert's {@code [[toolDefinitions]]}, of either lock version. */
final class ToolDefinitionsReader {
  private ToolDefinitionsReader() {}

  /**
   * The tool definitions of {@code expert}.
   *
   * @param skills the expert's skill names, or {@code null} when they are not known (version 1)
   * @param schema reads a tool's {@code inputSchema}, reporting its own problems
   * @param digests whether each tool carries a {@code schemaDigest} to check (version 2)
   */
  static List<LockedToolDefinition> read(
      LockTable expert,
      Set<String> skills,
      Function<LockTable, Optional<ObjectNode>> schema,
      boolean digests) {
    List<LockedToolDefinition> tools = new ArrayList<>();
    Map<String, SourcePosition> firstSeen = new HashMap<>();
    LockProblems problems = expert.problems();
    for (LockTable tool : expert.tables("toolDefinitions")) {
      int mark = problems.mark();
      Optional<String> skillName = tool.checked("skillName", true, LockFormats::whyBlank);
      Optional<String> name = tool.checked("name", true, LockFormats::whyBlank);
      Optional<String> description = tool.string("description", false);
      Optional<ObjectNode> inputSchema = schema.apply(tool);
      Optional<String> digest =
          digests
              ? tool.checked("schemaDigest", true, LockFormats::whyNotSha256)
              : Optional.empty();
      if (skillName.isPresent() && name.isPresent()) {
        SourcePosition first =
            firstSeen.putIfAbsent(skillName.get() + "\u0000" + name.get(), tool.positionOf("name"));
        if (first != null) {
          tool.error(
              "name",
              "tool `"
                  + name.get()
                  + "` of skill `"
                  + skillName.get()
                  + "` is listed twice (first on line "
                  + first.line()
                  + ")",
              LockProblems.REINSTALL);
        }
      }
      if (skillName.isPresent() && skills != null && !skills.contains(skillName.get())) {
        tool.error(
            "skillName",
            "`"
                + tool.field("skillName")
                + "` is `"
                + skillName.get()
                + "`, a skill the expert's definition does not have",
            LockProblems.REINSTALL);
      }
      if (problems.since(mark)) {
        continue;
      }
      Optional<LockedToolDefinition> built =
          Guard.build(
              tool,
              () ->
                  LockedToolDefinition.of(
                      skillName.orElseThrow(),
                      name.orElseThrow(),
                      description,
                      inputSchema.orElseThrow()));
      if (built.isPresent()
          && digest.isPresent()
          && !built.get().schemaDigest().equals(digest.get())) {
        tool.error(
            "schemaDigest",
            "`"
                + tool.field("schemaDigest")
                + "` does not match its inputSchema: the lock was changed after `perstack install`"
                + " wrote it",
            LockProblems.REINSTALL);
        continue;
      }
      built.ifPresent(tools::add);
    }
    return tools;
  }
}

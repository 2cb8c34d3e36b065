package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.BaseSkill;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.ExpertKey;
import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSkill;
import dev.perstack.lockfile.config.ProviderToolOptions;
import dev.perstack.lockfile.config.SkillDefinition;
import dev.perstack.lockfile.config.SourcePosition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads one {@code [experts."<key>"]} table; delegates are resolved later, across experts. */
final class ExpertReader {
  static final int MAX_INSTRUCTION = 20 * 1024;
  static final int MAX_DESCRIPTION = 2048;
  static final int MAX_ITEMS = 255;
  static final int MAX_TAGS = 8;

  private static final Pattern SEMVER =
      Pattern.compile(
          "(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[\\w.-]+)?(?:\\+[\\w.-]+)?");
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  private ExpertReader() {}

  /**
   * An expert as read, before its delegates are resolved.
   *
   * @param definition everything but the delegates, or empty when the expert has errors
   */
  record Draft(
      String rawKey,
      SourcePosition position,
      TableReader table,
      List<TableReader.Item> delegates,
      Optional<ExpertDefinition> definition) {}

  static Draft read(String rawKey, TableReader expert, ProviderName provider) {
    int mark = expert.problems().mark();
    Optional<ExpertKey> key = ExpertKey.parse(rawKey);
    if (key.isEmpty()) {
      expert.tableError(
          "expert key `" + rawKey + "` is not valid",
          "use a lower-case name of a-z, 0-9, `.`, `_` and `-`, optionally `@scope/` before it and"
              + " `@1.2.3` or `@tag` after it (at most "
              + ExpertKey.MAX_LENGTH
              + " characters)");
    }
    expert.warnUnknownKeys(
        KnownKeys.EXPERT,
        Map.of(
            "model", "it is a top-level setting",
            "provider", "it is a top-level table",
            "type", "it belongs to a skill table"));

    Optional<String> instruction =
        expert.requiredString(
            "instruction",
            MAX_INSTRUCTION,
            "add instruction = \"\"\"...\"\"\" telling the expert what to do");
    Optional<String> description = expert.string("description", MAX_DESCRIPTION);
    String version = version(expert, key);
    List<String> tags = tags(expert);
    Optional<String> minRuntimeVersion = expert.string("minRuntimeVersion", 64);
    List<TableReader.Item> delegates = expert.strings("delegates", MAX_ITEMS).orElse(List.of());
    Map<String, SkillDefinition> skills = skills(expert);
    List<String> providerTools = ProviderToolsReader.providerTools(expert, provider);
    List<ProviderSkill> providerSkills = ProviderToolsReader.providerSkills(expert);
    ProviderToolOptions toolOptions = ProviderToolsReader.options(expert);

    Optional<ExpertDefinition> definition = Optional.empty();
    if (!expert.problems().hasErrorsSince(mark) && key.isPresent() && instruction.isPresent()) {
      definition =
          Optional.of(
              new ExpertDefinition(
                  key.get(),
                  version,
                  description,
                  instruction.get(),
                  skills,
                  List.of(),
                  tags,
                  minRuntimeVersion,
                  providerTools,
                  providerSkills,
                  toolOptions));
    }
    return new Draft(rawKey, expert.position(), expert, delegates, definition);
  }

  private static String version(TableReader expert, Optional<ExpertKey> key) {
    Optional<String> keyVersion =
        key.flatMap(ExpertKey::version).filter(v -> SEMVER.matcher(v).matches());
    Optional<String> version = expert.string("version", 255);
    if (version.isPresent() && !SEMVER.matcher(version.get()).matches()) {
      expert.error(
          "version",
          "`" + expert.field("version") + "` (`" + version.get() + "`) is not a semantic version",
          "write it as MAJOR.MINOR.PATCH, for example \"1.0.0\"");
      return ExpertDefinition.DEFAULT_VERSION;
    }
    if (version.isPresent() && keyVersion.isPresent() && !version.equals(keyVersion)) {
      expert.warning(
          "version",
          "the key says version " + keyVersion.get() + " but `version` says " + version.get(),
          "make them agree; `version` is used");
    }
    return version.or(() -> keyVersion).orElse(ExpertDefinition.DEFAULT_VERSION);
  }

  private static List<String> tags(TableReader expert) {
    List<TableReader.Item> tags = expert.strings("tags", MAX_TAGS).orElse(List.of());
    for (TableReader.Item tag : tags) {
      if (!TAG.matcher(tag.value()).matches() || tag.value().length() > 255) {
        expert
            .problems()
            .error(
                tag.position(),
                expert.field("tags"),
                expert.expertKey(),
                "tag `" + tag.value() + "` is not valid",
                "use lower-case letters, digits, `_` and `-`, starting with a letter or digit");
      }
    }
    return tags.stream().map(TableReader.Item::value).toList();
  }

  private static Map<String, SkillDefinition> skills(TableReader expert) {
    Map<String, SkillDefinition> skills = new LinkedHashMap<>();
    Optional<TableReader> table = expert.table("skills");
    if (table.isPresent()) {
      TableReader all = table.get();
      if (all.keys().size() > MAX_ITEMS) {
        all.tableError(
            "more than " + MAX_ITEMS + " skills", "split the expert or drop unused skills");
      }
      for (String name : all.keys()) {
        all.table(name)
            .flatMap(skill -> SkillReader.read(name, skill))
            .ifPresent(skill -> skills.put(name, skill));
      }
    }
    if (!skills.containsKey(BaseSkill.NAME)) {
      // The docs call the base skill "always available", and Perstack's own examples rely on it.
      Map<String, SkillDefinition> withBase = new LinkedHashMap<>();
      withBase.put(BaseSkill.NAME, BaseSkill.IMPLICIT);
      withBase.putAll(skills);
      return withBase;
    }
    return skills;
  }
}

package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.ProviderName;
import dev.perstack.lockfile.config.ProviderSkill;
import dev.perstack.lockfile.config.ProviderToolOptions;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Reads an expert's provider-native tools: {@code providerTools}, {@code providerSkills}, options.
 */
final class ProviderToolsReader {
  private static final Map<ProviderName, Set<String>> TOOLS = tools();
  private static final Set<String> ALL_TOOLS = allTools();
  private static final List<String> BUILTIN_SKILLS = List.of("pdf", "docx", "pptx", "xlsx");

  private ProviderToolsReader() {}

  /** Names the provider offers; a name another provider offers is a warning, an unknown one too. */
  static List<String> providerTools(TableReader expert, ProviderName provider) {
    List<String> names = new ArrayList<>();
    for (TableReader.Item item : expert.strings("providerTools", 64).orElse(List.of())) {
      Set<String> offered = TOOLS.getOrDefault(provider, Set.of());
      if (!offered.contains(item.value())) {
        String hint = DidYouMean.hint(item.value(), ALL_TOOLS);
        expert
            .problems()
            .warning(
                item.position(),
                expert.field("providerTools"),
                expert.expertKey(),
                "provider tool `"
                    + item.value()
                    + "` is not offered by "
                    + provider.word()
                    + (offered.isEmpty()
                        ? ", which has none"
                        : " (it offers " + String.join(", ", new TreeSet<>(offered)) + ")"),
                hint.isEmpty() ? "remove it or change the provider" : hint);
      }
      names.add(item.value());
    }
    return names;
  }

  static List<ProviderSkill> providerSkills(TableReader expert) {
    Object raw = expert.raw("providerSkills");
    if (raw == null) {
      return List.of();
    }
    if (!(raw instanceof TomlArray array) || !allTables(array)) {
      expert.error(
          "providerSkills",
          "`" + expert.field("providerSkills") + "` must be an array of tables",
          "write providerSkills = [{ type = \"builtin\", skillId = \"pdf\" }]");
      return List.of();
    }
    List<ProviderSkill> skills = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      TableReader skill =
          new TableReader(
              array.getTable(i),
              expert.field("providerSkills") + "[" + i + "]",
              TomlParsing.position(array.inputPositionOf(i), expert.positionOf("providerSkills")),
              expert.problems(),
              expert.expertKey());
      providerSkill(skill).ifPresent(skills::add);
    }
    return skills;
  }

  private static Optional<ProviderSkill> providerSkill(TableReader skill) {
    Object type = skill.raw("type");
    if ("builtin".equals(type)) {
      skill.warnUnknownKeys(KnownKeys.BUILTIN_PROVIDER_SKILL, Map.of());
      Optional<String> id = skill.requiredString("skillId", 16, "add skillId = \"pdf\"");
      if (id.isPresent() && !BUILTIN_SKILLS.contains(id.get())) {
        skill.error(
            "skillId",
            "built-in provider skill `" + id.get() + "` does not exist",
            "use one of " + String.join(", ", BUILTIN_SKILLS));
        return Optional.empty();
      }
      return id.map(ProviderSkill.Builtin::new);
    }
    if ("custom".equals(type)) {
      skill.warnUnknownKeys(KnownKeys.CUSTOM_PROVIDER_SKILL, Map.of());
      Optional<String> name = skill.requiredString("name", 255, "add name = \"...\"");
      Optional<String> definition =
          skill.requiredString("definition", 100_000, "add definition = \"...\"");
      if (name.isEmpty() || definition.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ProviderSkill.Custom(name.get(), definition.get()));
    }
    skill.tableError(
        "provider skill type "
            + (type == null ? "is missing" : TomlTypes.describe(type) + " is unknown"),
        "set type = \"builtin\" (with skillId) or type = \"custom\" (with name and definition)");
    return Optional.empty();
  }

  static ProviderToolOptions options(TableReader expert) {
    Optional<TableReader> table = expert.table("providerToolOptions");
    if (table.isEmpty()) {
      return ProviderToolOptions.NONE;
    }
    TableReader options = table.get();
    options.warnUnknownKeys(KnownKeys.PROVIDER_TOOL_OPTIONS, Map.of());
    Optional<TableReader> webSearch = options.table("webSearch");
    Optional<TableReader> webFetch = options.table("webFetch");
    Optional<TableReader> fileSearch = options.table("fileSearch");
    webSearch.ifPresent(t -> t.warnUnknownKeys(KnownKeys.WEB_SEARCH_OPTIONS, Map.of()));
    webFetch.ifPresent(t -> t.warnUnknownKeys(KnownKeys.WEB_FETCH_OPTIONS, Map.of()));
    fileSearch.ifPresent(t -> t.warnUnknownKeys(KnownKeys.FILE_SEARCH_OPTIONS, Map.of()));
    return new ProviderToolOptions(
        positive(webSearch, "maxUses"),
        webSearch.map(ProviderToolsReader::webSearchDomains).orElse(List.of()),
        positive(webFetch, "maxUses"),
        fileSearch.map(t -> t.stringValues("vectorStoreIds", 255)).orElse(List.of()),
        positive(fileSearch, "maxNumResults"));
  }

  private static List<String> webSearchDomains(TableReader webSearch) {
    List<String> domains = new ArrayList<>();
    for (TableReader.Item item : webSearch.strings("allowedDomains", 255).orElse(List.of())) {
      DomainPatterns.Checked checked = DomainPatterns.check(item.value());
      if (checked.ok()) {
        domains.add(checked.normalized());
      } else {
        webSearch
            .problems()
            .error(
                item.position(),
                webSearch.field("allowedDomains"),
                webSearch.expertKey(),
                "`"
                    + webSearch.field("allowedDomains")
                    + "` entry `"
                    + item.value()
                    + "` is refused: "
                    + checked.refusal(),
                "write an ASCII domain such as `example.com` or `*.example.com`");
      }
    }
    return domains;
  }

  private static OptionalInt positive(Optional<TableReader> table, String key) {
    return table
        .flatMap(t -> t.integer(key, 1, Integer.MAX_VALUE))
        .map(v -> OptionalInt.of(v.intValue()))
        .orElse(OptionalInt.empty());
  }

  private static boolean allTables(TomlArray array) {
    for (int i = 0; i < array.size(); i++) {
      if (!(array.get(i) instanceof TomlTable)) {
        return false;
      }
    }
    return true;
  }

  private static Map<ProviderName, Set<String>> tools() {
    Map<ProviderName, Set<String>> tools = new EnumMap<>(ProviderName.class);
    tools.put(ProviderName.ANTHROPIC, Set.of("webSearch", "webFetch", "codeExecution"));
    tools.put(
        ProviderName.OPENAI,
        Set.of("webSearch", "fileSearch", "codeInterpreter", "imageGeneration"));
    tools.put(
        ProviderName.GOOGLE,
        Set.of("googleSearch", "codeExecution", "urlContext", "fileSearch", "googleMaps"));
    tools.put(
        ProviderName.AZURE_OPENAI,
        Set.of("webSearchPreview", "fileSearch", "codeInterpreter", "imageGeneration"));
    tools.put(
        ProviderName.GOOGLE_VERTEX,
        Set.of("codeExecution", "urlContext", "googleSearch", "enterpriseWebSearch", "googleMaps"));
    return Map.copyOf(tools);
  }

  private static Set<String> allTools() {
    Set<String> all = new TreeSet<>();
    TOOLS.values().forEach(all::addAll);
    return Set.copyOf(all);
  }
}

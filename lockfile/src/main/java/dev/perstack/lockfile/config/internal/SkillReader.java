package dev.perstack.lockfile.config.internal;

import dev.perstack.lockfile.config.BaseSkill;
import dev.perstack.lockfile.config.InteractiveSkill;
import dev.perstack.lockfile.config.InteractiveTool;
import dev.perstack.lockfile.config.McpSseSkill;
import dev.perstack.lockfile.config.McpStdioSkill;
import dev.perstack.lockfile.config.SkillDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one {@code [experts."<key>".skills."<name>"]} table into a {@link SkillDefinition}. */
final class SkillReader {
  static final String STDIO = "mcpStdioSkill";
  static final String SSE = "mcpSseSkill";
  static final String INTERACTIVE = "interactiveSkill";
  static final List<String> TYPES = List.of(STDIO, SSE, INTERACTIVE);

  static final int MAX_NAME = 255;
  static final int MAX_TEXT = 2048;
  static final int MAX_ITEMS = 255;
  static final int MAX_SCHEMA = 20 * 1024;

  private static final Pattern PACKAGE =
      Pattern.compile(
          "(?:@[a-z0-9][a-z0-9_.-]*/)?[a-z0-9][a-z0-9_.-]*"
              + "(?:@(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[\\w.-]+)?(?:\\+[\\w.-]+)?"
              + "|@[a-z0-9][a-z0-9_.-]*)?");
  private static final Pattern BASE_PACKAGE = Pattern.compile("@perstack/base(@[^\\s]+)?");

  private SkillReader() {}

  static Optional<SkillDefinition> read(String name, TableReader skill) {
    int mark = skill.problems().mark();
    Optional<SkillDefinition> read = readChecked(name, skill);
    return skill.problems().hasErrorsSince(mark) ? Optional.empty() : read;
  }

  private static Optional<SkillDefinition> readChecked(String name, TableReader skill) {
    if (name.isBlank() || name.length() > MAX_NAME) {
      skill.tableError(
          "skill name `" + name + "` must be 1 to " + MAX_NAME + " characters",
          "rename the skill table");
      return Optional.empty();
    }
    Object type = skill.raw("type");
    if (type == null) {
      skill.tableError(
          "skill `" + name + "` has no `type`",
          "add type = \"mcpStdioSkill\", \"mcpSseSkill\" or \"interactiveSkill\"");
      return Optional.empty();
    }
    if (!(type instanceof String typeName) || !TYPES.contains(typeName)) {
      String hint = type instanceof String t ? DidYouMean.hint(t, TYPES) : "";
      skill.tableError(
          "skill `"
              + name
              + "` has type "
              + TomlTypes.describe(type)
              + ", which is not a skill type",
          (hint.isEmpty() ? "" : hint + " ")
              + "use one of mcpStdioSkill, mcpSseSkill, interactiveSkill");
      return Optional.empty();
    }
    if (BaseSkill.NAME.equals(name) && !STDIO.equals(typeName)) {
      // Taking the name would silently drop the real base skill from the expert.
      skill.tableError(
          "the skill name `"
              + BaseSkill.NAME
              + "` is reserved for the base skill, which is an"
              + " mcpStdioSkill, not "
              + typeName,
          "give this skill another name");
      return Optional.empty();
    }
    Optional<String> description = skill.string("description", MAX_TEXT);
    Optional<String> rule = skill.string("rule", MAX_TEXT);
    return switch (typeName) {
      case STDIO -> stdio(name, skill, description, rule);
      case SSE -> sse(name, skill, description, rule);
      default -> interactive(name, skill, description, rule);
    };
  }

  private static Optional<SkillDefinition> stdio(
      String name, TableReader skill, Optional<String> description, Optional<String> rule) {
    skill.warnUnknownKeys(KnownKeys.STDIO_SKILL, belongsToOtherTypes(KnownKeys.STDIO_SKILL));
    Optional<String> command =
        skill.requiredString(
            "command", MAX_TEXT, "add command = \"npx\" (or the server's program)");
    Optional<String> packageName = skill.string("packageName", MAX_NAME);
    List<String> args = skill.stringValues("args", MAX_ITEMS);
    List<String> pick = skill.stringValues("pick", MAX_ITEMS);
    List<String> omit = skill.stringValues("omit", MAX_ITEMS);
    List<String> requiredEnv = requiredEnv(skill);
    List<String> allowedDomains = allowedDomains(skill);
    boolean lazyInit = skill.bool("lazyInit").orElse(false);

    boolean hasPackage = skill.has("packageName");
    if (hasPackage && !args.isEmpty()) {
      skill.tableError(
          "skill `" + name + "` sets both `packageName` and `args`",
          "keep exactly one: `packageName` for an npm/PyPI package, or `args` for a command line");
    } else if (!hasPackage && args.isEmpty()) {
      skill.tableError(
          "skill `" + name + "` sets neither `packageName` nor a non-empty `args`",
          "add packageName = \"<package>\" or args = [\"...\"]");
    }
    packageName
        .filter(p -> !PACKAGE.matcher(p).matches())
        .ifPresent(
            p ->
                skill.error(
                    "packageName",
                    "`" + skill.field("packageName") + "` (`" + p + "`) is not a package name",
                    "write it as `name`, `@scope/name`, optionally with `@version` or `@tag`"));

    if (BaseSkill.NAME.equals(name)) {
      return baseSkill(
          skill, command, packageName, args, description, rule, pick, omit, requiredEnv);
    }
    if (command.isEmpty() || packageName.isPresent() == !args.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new McpStdioSkill(
            name,
            description,
            rule,
            pick,
            omit,
            command.get(),
            packageName,
            packageName.isPresent() ? List.of() : args,
            requiredEnv,
            allowedDomains,
            lazyInit));
  }

  /** Any skill named {@code @perstack/base} that runs the base package is our in-process one. */
  private static Optional<SkillDefinition> baseSkill(
      TableReader skill,
      Optional<String> command,
      Optional<String> packageName,
      List<String> args,
      Optional<String> description,
      Optional<String> rule,
      List<String> pick,
      List<String> omit,
      List<String> requiredEnv) {
    boolean runsBasePackage =
        packageName.map(p -> BASE_PACKAGE.matcher(p).matches()).orElse(false)
            || args.stream().anyMatch(a -> BASE_PACKAGE.matcher(a).matches());
    if (!runsBasePackage) {
      skill.tableError(
          "the skill name `"
              + BaseSkill.NAME
              + "` is reserved for the base skill, but this one"
              + " runs something else",
          "set packageName = \"@perstack/base\", or give your server another name");
      return Optional.empty();
    }
    if (command.isPresent() && !command.get().equals("npx")) {
      skill.warning(
          "command",
          "the base skill runs in-process here, so `command` (`" + command.get() + "`) is unused",
          "remove `command`, or leave it for the original Perstack");
    }
    for (String tool : concat(pick, omit)) {
      if (!BaseSkill.TOOLS.contains(tool)) {
        String hint = DidYouMean.hint(tool, BaseSkill.TOOLS);
        skill.warning(
            pick.contains(tool) ? "pick" : "omit",
            "the base skill has no tool `" + tool + "`, so filtering it does nothing",
            hint.isEmpty()
                ? "remove it; the tools are " + String.join(", ", BaseSkill.TOOLS)
                : hint);
      }
    }
    return Optional.of(new BaseSkill(description, rule, pick, omit, requiredEnv, true));
  }

  private static Optional<SkillDefinition> sse(
      String name, TableReader skill, Optional<String> description, Optional<String> rule) {
    skill.warnUnknownKeys(KnownKeys.SSE_SKILL, belongsToOtherTypes(KnownKeys.SSE_SKILL));
    Optional<String> endpoint =
        skill.requiredString("endpoint", MAX_TEXT, "add endpoint = \"https://<public host>/sse\"");
    List<String> pick = skill.stringValues("pick", MAX_ITEMS);
    List<String> omit = skill.stringValues("omit", MAX_ITEMS);
    List<String> allowedDomains = allowedDomains(skill);
    if (endpoint.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> refusal = PublicEndpoints.whyNotPublicHttps(endpoint.get());
    if (refusal.isPresent()) {
      skill.error(
          "endpoint",
          "`" + skill.field("endpoint") + "` (`" + endpoint.get() + "`) " + refusal.get(),
          "use a public https URL; a sandbox must not reach private or local networks");
      return Optional.empty();
    }
    return Optional.of(
        new McpSseSkill(
            name, description, rule, pick, omit, URI.create(endpoint.get()), allowedDomains));
  }

  private static Optional<SkillDefinition> interactive(
      String name, TableReader skill, Optional<String> description, Optional<String> rule) {
    skill.warnUnknownKeys(
        KnownKeys.INTERACTIVE_SKILL, belongsToOtherTypes(KnownKeys.INTERACTIVE_SKILL));
    if (!skill.has("tools")) {
      skill.tableError(
          "interactive skill `" + name + "` has no `tools`",
          "add a [" + skill.path() + ".tools.<toolName>] table with an inputJsonSchema");
      return Optional.empty();
    }
    Optional<TableReader> toolsTable = skill.table("tools");
    if (toolsTable.isEmpty()) {
      return Optional.empty();
    }
    TableReader tools = toolsTable.get();
    if (tools.keys().size() > MAX_ITEMS) {
      tools.tableError("more than " + MAX_ITEMS + " interactive tools", "split the skill");
      return Optional.empty();
    }
    Map<String, InteractiveTool> read = new LinkedHashMap<>();
    boolean ok = true;
    for (String toolName : tools.keys()) {
      Optional<InteractiveTool> tool =
          tools.table(toolName).flatMap(t -> interactiveTool(toolName, t));
      if (tool.isPresent()) {
        read.put(toolName, tool.get());
      } else {
        ok = false;
      }
    }
    return ok ? Optional.of(new InteractiveSkill(name, description, rule, read)) : Optional.empty();
  }

  private static Optional<InteractiveTool> interactiveTool(String name, TableReader tool) {
    tool.warnUnknownKeys(KnownKeys.INTERACTIVE_TOOL, Map.of());
    if (name.isBlank() || name.length() > MAX_NAME) {
      tool.tableError(
          "tool name `" + name + "` must be 1 to " + MAX_NAME + " characters", "rename the tool");
      return Optional.empty();
    }
    Optional<String> description = tool.string("description", MAX_TEXT);
    Optional<String> schema =
        tool.requiredString(
            "inputJsonSchema",
            MAX_SCHEMA,
            "add inputJsonSchema = '{\"type\":\"object\",\"properties\":{...}}'");
    if (schema.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> refusal = ToolInputSchemas.whyNotUsable(schema.get());
    if (refusal.isPresent()) {
      tool.error(
          "inputJsonSchema",
          "`" + tool.field("inputJsonSchema") + "` " + refusal.get(),
          "write a JSON Schema object in single quotes, for example"
              + " '{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}}}'");
      return Optional.empty();
    }
    return Optional.of(new InteractiveTool(name, description, schema.get()));
  }

  private static List<String> requiredEnv(TableReader skill) {
    List<String> names = new ArrayList<>();
    for (TableReader.Item item : skill.strings("requiredEnv", MAX_ITEMS).orElse(List.of())) {
      String field = skill.field("requiredEnv");
      if (!EnvNames.isWellFormed(item.value())) {
        skill
            .problems()
            .error(
                item.position(),
                field,
                skill.expertKey(),
                "`" + field + "` names `" + item.value() + "`, which is not a variable name",
                "use letters, digits, `_` and `-`, starting with a letter or digit");
      } else if (EnvNames.isProtected(item.value())) {
        skill
            .problems()
            .error(
                item.position(),
                field,
                skill.expertKey(),
                "`"
                    + field
                    + "` names `"
                    + item.value()
                    + "`, a protected variable that could change"
                    + " which code a skill runs",
                "remove `" + item.value() + "`; the sandbox sets it itself");
      } else {
        if (EnvNames.isProviderCredential(item.value())) {
          skill
              .problems()
              .warning(
                  item.position(),
                  field,
                  skill.expertKey(),
                  "`"
                      + field
                      + "` hands the provider credential `"
                      + item.value()
                      + "` to the sandbox",
                  "remove it unless the skill truly needs it; model calls never need it");
        }
        names.add(item.value());
      }
    }
    return names;
  }

  private static List<String> allowedDomains(TableReader skill) {
    List<String> domains = new ArrayList<>();
    String field = skill.field("allowedDomains");
    for (TableReader.Item item : skill.strings("allowedDomains", MAX_ITEMS).orElse(List.of())) {
      DomainPatterns.Checked checked = DomainPatterns.check(item.value());
      if (checked.ok()) {
        domains.add(checked.normalized());
      } else {
        skill
            .problems()
            .error(
                item.position(),
                field,
                skill.expertKey(),
                "`" + field + "` entry `" + item.value() + "` is refused: " + checked.refusal(),
                "write an ASCII domain such as `example.com` or `*.example.com`");
      }
    }
    return domains;
  }

  private static Map<String, String> belongsToOtherTypes(Set<String> own) {
    Map<String, String> elsewhere = new LinkedHashMap<>();
    addOwner(elsewhere, own, KnownKeys.STDIO_SKILL, STDIO);
    addOwner(elsewhere, own, KnownKeys.SSE_SKILL, SSE);
    addOwner(elsewhere, own, KnownKeys.INTERACTIVE_SKILL, INTERACTIVE);
    return elsewhere;
  }

  private static void addOwner(
      Map<String, String> elsewhere, Set<String> own, Set<String> keys, String type) {
    for (String key : keys) {
      if (!own.contains(key)) {
        elsewhere.putIfAbsent(key, "it belongs to skills of type " + type);
      }
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}

package dev.perstack.lockfile.lock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perstack.lockfile.config.BaseSkill;
import dev.perstack.lockfile.config.ExpertDefinition;
import dev.perstack.lockfile.config.InteractiveSkill;
import dev.perstack.lockfile.config.InteractiveTool;
import dev.perstack.lockfile.config.McpSseSkill;
import dev.perstack.lockfile.config.McpStdioSkill;
import dev.perstack.lockfile.config.ProviderSkill;
import dev.perstack.lockfile.config.ProviderToolOptions;
import dev.perstack.lockfile.config.SkillDefinition;
import dev.perstack.lockfile.lock.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Builds the canonical tree of a resolved expert: every field that decides how the expert behaves,
 * named as in {@code perstack.toml}, and nothing about how the file was written.
 */
public final class CanonicalExpert {
  /** The {@code type} the base skill has in the tree; the file calls it an mcpStdioSkill. */
  public static final String BASE_SKILL_TYPE = "base";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CanonicalExpert() {}

  /** The tree of {@code expert}; see {@link dev.perstack.lockfile.lock.ExpertDefinitions}. */
  public static Map<String, Object> tree(ExpertDefinition expert) {
    Map<String, Object> tree = new TreeMap<>();
    tree.put("key", expert.key().value());
    tree.put("version", expert.version());
    put(tree, "description", expert.description());
    tree.put("instruction", expert.instruction());
    Map<String, Object> skills = new TreeMap<>();
    expert.skills().forEach((name, skill) -> skills.put(name, skill(skill)));
    tree.put("skills", skills);
    tree.put("delegates", expert.delegates());
    tree.put("tags", expert.tags());
    put(tree, "minRuntimeVersion", expert.minRuntimeVersion());
    tree.put("providerTools", expert.providerTools());
    tree.put(
        "providerSkills", expert.providerSkills().stream().map(CanonicalExpert::skill).toList());
    Map<String, Object> options = options(expert.providerToolOptions());
    if (!options.isEmpty()) {
      tree.put("providerToolOptions", options);
    }
    return CanonicalTrees.copy(tree);
  }

  private static Map<String, Object> skill(SkillDefinition skill) {
    Map<String, Object> tree = new TreeMap<>();
    tree.put("name", skill.name());
    put(tree, "description", skill.description());
    put(tree, "rule", skill.rule());
    if (skill instanceof BaseSkill base) {
      // `listed` is left out: listing the base skill without filters behaves like leaving it out.
      tree.put("type", BASE_SKILL_TYPE);
      tree.put("pick", base.pick());
      tree.put("omit", base.omit());
      tree.put("requiredEnv", base.requiredEnv());
    } else if (skill instanceof McpStdioSkill stdio) {
      tree.put("type", "mcpStdioSkill");
      tree.put("pick", stdio.pick());
      tree.put("omit", stdio.omit());
      tree.put("command", stdio.command());
      put(tree, "packageName", stdio.packageName());
      tree.put("args", stdio.args());
      tree.put("requiredEnv", stdio.requiredEnv());
      tree.put("allowedDomains", stdio.allowedDomains());
      tree.put("lazyInit", stdio.lazyInit());
    } else if (skill instanceof McpSseSkill sse) {
      tree.put("type", "mcpSseSkill");
      tree.put("pick", sse.pick());
      tree.put("omit", sse.omit());
      tree.put("endpoint", sse.endpoint().toString());
      tree.put("allowedDomains", sse.allowedDomains());
    } else if (skill instanceof InteractiveSkill interactive) {
      tree.put("type", "interactiveSkill");
      Map<String, Object> tools = new TreeMap<>();
      interactive.tools().forEach((name, tool) -> tools.put(name, tool(tool)));
      tree.put("tools", tools);
    } else {
      throw new IllegalStateException("unknown skill type " + skill.getClass().getName());
    }
    return tree;
  }

  private static Map<String, Object> tool(InteractiveTool tool) {
    Map<String, Object> tree = new TreeMap<>();
    tree.put("name", tool.name());
    put(tree, "description", tool.description());
    tree.put("inputJsonSchema", canonicalSchema(tool.inputJsonSchema()));
    return tree;
  }

  /** The schema in canonical JSON, so that its whitespace and key order do not change a digest. */
  private static String canonicalSchema(String text) {
    try {
      return CanonicalJson.write(JSON.readTree(text));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      // The loader has checked the schema; text it could not have accepted is kept as written.
      return text;
    }
  }

  private static Map<String, Object> skill(ProviderSkill skill) {
    Map<String, Object> tree = new TreeMap<>();
    if (skill instanceof ProviderSkill.Builtin builtin) {
      tree.put("type", "builtin");
      tree.put("skillId", builtin.skillId());
    } else if (skill instanceof ProviderSkill.Custom custom) {
      tree.put("type", "custom");
      tree.put("name", custom.name());
      tree.put("definition", custom.definition());
    } else {
      throw new IllegalStateException("unknown provider skill " + skill.getClass().getName());
    }
    return tree;
  }

  /** Only the options that are set: the model cannot tell an empty table from a missing one. */
  private static Map<String, Object> options(ProviderToolOptions options) {
    Map<String, Object> tree = new TreeMap<>();
    Map<String, Object> webSearch = new TreeMap<>();
    put(webSearch, "maxUses", options.webSearchMaxUses());
    putNonEmpty(webSearch, "allowedDomains", options.webSearchAllowedDomains());
    Map<String, Object> webFetch = new TreeMap<>();
    put(webFetch, "maxUses", options.webFetchMaxUses());
    Map<String, Object> fileSearch = new TreeMap<>();
    putNonEmpty(fileSearch, "vectorStoreIds", options.fileSearchVectorStoreIds());
    put(fileSearch, "maxNumResults", options.fileSearchMaxNumResults());
    putNonEmpty(tree, "webSearch", webSearch);
    putNonEmpty(tree, "webFetch", webFetch);
    putNonEmpty(tree, "fileSearch", fileSearch);
    return tree;
  }

  private static void put(Map<String, Object> tree, String key, Optional<String> value) {
    value.ifPresent(v -> tree.put(key, v));
  }

  private static void put(Map<String, Object> tree, String key, OptionalInt value) {
    value.ifPresent(v -> tree.put(key, (long) v));
  }

  private static void putNonEmpty(Map<String, Object> tree, String key, List<String> value) {
    if (!value.isEmpty()) {
      tree.put(key, new ArrayList<>(value));
    }
  }

  private static void putNonEmpty(Map<String, Object> tree, String key, Map<String, Object> value) {
    if (!value.isEmpty()) {
      tree.put(key, value);
    }
  }
}

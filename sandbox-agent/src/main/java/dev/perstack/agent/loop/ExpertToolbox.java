package dev.perstack.agent.loop;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.agent.skill.Skill;
import dev.perstack.agent.skill.SkillException;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.InteractiveSkillSpec;
import dev.perstack.protocol.job.InteractiveToolSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.job.SkillToolDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tools one expert's run offers the model (its skills after {@code pick}/{@code omit}, its
 * delegates, its interactive tools) and where each call goes.
 */
final class ExpertToolbox {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ToolRoute> routes;
  private final List<ToolDefinition> definitions;

  private ExpertToolbox(Map<String, ToolRoute> routes, List<ToolDefinition> definitions) {
    this.routes = routes;
    this.definitions = definitions;
  }

  /**
   * Builds the toolbox, starting the skills whose tools are not known in advance.
   *
   * @param delegated whether this run was delegated to (delegated runs get no interactive tools)
   */
  static ExpertToolbox of(
      ExpertSpec expert, Map<String, ExpertSpec> experts, SkillProvider skills, boolean delegated)
      throws SkillException {
    Map<String, ToolRoute> routes = new LinkedHashMap<>();
    List<ToolDefinition> definitions = new ArrayList<>();
    for (SkillSpec spec : expert.skills().values()) {
      if (spec instanceof InteractiveSkillSpec interactive) {
        if (!delegated) {
          for (InteractiveToolSpec tool : interactive.tools().values()) {
            add(routes, definitions, ToolRoute.interactive(spec.name()), interactiveTool(tool));
          }
        }
        continue;
      }
      Skill skill = skills.skill(expert.key(), spec);
      for (ToolDefinition tool : toolsOf(expert, spec, skill)) {
        if (spec.exposes(tool.name())) {
          add(routes, definitions, ToolRoute.skill(spec.name(), skill), tool);
        }
      }
    }
    for (String delegateKey : expert.delegates()) {
      ExpertSpec delegate = experts.get(delegateKey);
      if (delegate != null) {
        add(routes, definitions, ToolRoute.delegate(delegate), delegateTool(delegate));
      }
    }
    return new ExpertToolbox(routes, List.copyOf(definitions));
  }

  List<ToolDefinition> definitions() {
    return definitions;
  }

  Optional<ToolRoute> route(String toolName) {
    return Optional.ofNullable(routes.get(toolName));
  }

  /** Tools from the lock when it has them (no process start), otherwise from the skill itself. */
  private static List<ToolDefinition> toolsOf(ExpertSpec expert, SkillSpec spec, Skill skill)
      throws SkillException {
    List<ToolDefinition> locked = new ArrayList<>();
    for (SkillToolDefinition tool : expert.toolDefinitions()) {
      if (tool.skillName().equals(spec.name())) {
        locked.add(new ToolDefinition(tool.name(), tool.description(), tool.inputSchema()));
      }
    }
    if (!locked.isEmpty()) {
      return locked;
    }
    skill.start();
    return skill.tools();
  }

  private static void add(
      Map<String, ToolRoute> routes,
      List<ToolDefinition> definitions,
      ToolRoute route,
      ToolDefinition tool) {
    // The first skill to offer a name keeps it: providers refuse duplicate tool names.
    if (routes.putIfAbsent(tool.name(), route) == null) {
      definitions.add(tool);
    }
  }

  private static ToolDefinition interactiveTool(InteractiveToolSpec tool) throws SkillException {
    try {
      return new ToolDefinition(
          tool.name(), tool.description(), (ObjectNode) JSON.readTree(tool.inputJsonSchema()));
    } catch (Exception e) {
      throw new SkillException(
          tool.name(), "its inputJsonSchema is not a JSON object: " + e.getMessage(), e);
    }
  }

  private static ToolDefinition delegateTool(ExpertSpec delegate) {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    schema.putArray("required").add("query");
    String name = delegate.name().substring(delegate.name().lastIndexOf('/') + 1);
    return new ToolDefinition(name, delegate.description(), schema);
  }
}

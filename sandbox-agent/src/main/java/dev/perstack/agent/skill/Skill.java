package dev.perstack.agent.skill;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perstack.protocol.generation.ToolDefinition;
import dev.perstack.protocol.message.ToolResultContent;
import java.util.List;

/**
 * A source of tools for the expert loop. Implementations are thread-safe: the loop calls several
 * tools of one skill in parallel.
 */
public interface Skill extends AutoCloseable {

  /** The skill's name, as keyed under the expert's {@code skills}. */
  String name();

  /**
   * Gets the skill ready (for an MCP server: spawn, handshake, tool discovery). Idempotent; a lazy
   * skill is started by its first {@link #call}.
   */
  void start() throws SkillException;

  /** Every tool the skill offers, before the expert's {@code pick}/{@code omit} filters. */
  List<ToolDefinition> tools() throws SkillException;

  /**
   * Calls one tool.
   *
   * @param arguments the model's arguments, already parsed; may be any JSON object
   * @return the content of the tool result
   * @throws ToolCallException when the tool failed; its message becomes the text the model sees
   */
  List<ToolResultContent> call(String toolName, ObjectNode arguments) throws ToolCallException;

  /** Stops the skill and releases what it holds (child processes, connections). */
  @Override
  void close();
}

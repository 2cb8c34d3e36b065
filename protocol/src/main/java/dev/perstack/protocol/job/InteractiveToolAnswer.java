package dev.perstack.protocol.job;

import dev.perstack.protocol.internal.Require;

/**
 * A person's answer to the interactive tool call a run stopped at.
 *
 * @param text the answer, which becomes the tool call's result
 */
public record InteractiveToolAnswer(
    String toolCallId, String toolName, String skillName, String text) {
  public InteractiveToolAnswer {
    Require.id(toolCallId, "toolCallId");
    Require.id(toolName, "toolName");
    Require.id(skillName, "skillName");
    Require.present(text, "text");
  }
}

package dev.perstack.protocol.generation;

import dev.perstack.protocol.internal.Require;
import dev.perstack.protocol.message.ExpertContent;
import dev.perstack.protocol.message.Usage;
import java.util.List;

/**
 * What the model generated, in Perstack's message parts, with the gateway's token count.
 *
 * @param contents text, tool calls and reasoning, in order
 * @param usage as counted by the gateway, never by the sandbox
 */
public record GenerationResponse(
    List<ExpertContent> contents, FinishReason finishReason, Usage usage) {
  public GenerationResponse {
    contents = Require.list(contents, "contents");
    Require.present(finishReason, "finishReason");
    Require.present(usage, "usage");
  }
}

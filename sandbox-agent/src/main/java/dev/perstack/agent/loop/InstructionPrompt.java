package dev.perstack.agent.loop;

import dev.perstack.protocol.job.ExpertSpec;
import dev.perstack.protocol.job.SkillSpec;
import dev.perstack.protocol.message.InstructionMessage;
import dev.perstack.protocol.message.TextPart;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system prompt of a run, in the reference's order: the loop's rules (finish with
 * attemptCompletion, the time, the working directory), the expert's instruction, the skills' rules,
 * then one paragraph per delegate.
 */
final class InstructionPrompt {
  private InstructionPrompt() {}

  static InstructionMessage of(
      ExpertSpec expert, Map<String, ExpertSpec> experts, long startedAt, String workingDirectory) {
    StringBuilder text = new StringBuilder();
    text.append(
            """
            You are Perstack, an AI expert that completes the task a user gives you by calling \
            the tools available to you.

            How the loop works:
            - Work out what the user needs, then call tools, one step at a time, checking each \
            result before the next call.
            - Keep calling tools until the task is done. A reply without a tool call ends the run.
            - When the task is done, or it is outside your expertise, or it cannot be understood, \
            call attemptCompletion on its own, with no text. You will then be asked for the \
            final result in a separate reply.
            - If the request is outside your expertise, say what your expertise is in the final \
            result.

            Environment:
            """)
        .append("- Current time is ")
        .append(Instant.ofEpochMilli(startedAt))
        .append('\n')
        .append("- Current working directory is ")
        .append(workingDirectory)
        .append("\n\n---\n")
        .append(expert.instruction().strip())
        .append('\n');
    String rules = skillRules(expert.skills().values());
    if (!rules.isEmpty()) {
      text.append("\n---\nRules of the skills:\n\n").append(rules);
    }
    String delegates = delegateParagraphs(expert.delegates(), experts);
    if (!delegates.isEmpty()) {
      text.append("\n---\nYou can delegate to these experts by calling them as tools:\n\n")
          .append(delegates);
    }
    return new InstructionMessage(
        Ids.next(), List.of(new TextPart(Ids.next(), text.toString().strip())), Optional.of(true));
  }

  private static String skillRules(java.util.Collection<SkillSpec> skills) {
    StringBuilder rules = new StringBuilder();
    for (SkillSpec skill : skills) {
      skill
          .rule()
          .ifPresent(
              r ->
                  rules
                      .append('"')
                      .append(skill.name())
                      .append("\" skill rules:\n")
                      .append(r.strip())
                      .append("\n\n"));
    }
    return rules.toString();
  }

  private static String delegateParagraphs(
      List<String> delegates, Map<String, ExpertSpec> experts) {
    StringBuilder text = new StringBuilder();
    for (String key : delegates) {
      ExpertSpec delegate = experts.get(key);
      if (delegate != null) {
        text.append("About \"")
            .append(delegate.name())
            .append("\":\n")
            .append(delegate.description().orElse(""))
            .append("\n\n");
      }
    }
    return text.toString();
  }
}

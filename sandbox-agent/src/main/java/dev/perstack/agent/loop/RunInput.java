package dev.perstack.agent.loop;

import dev.perstack.protocol.job.InteractiveToolAnswer;
import java.util.Optional;

/**
 * What starts a run: a query (a new job, a continued one, a delegation) or the answer to a pending
 * interactive tool call; neither when a parent resumes after its delegates finished.
 */
record RunInput(Optional<String> query, Optional<InteractiveToolAnswer> answer) {

  static RunInput query(String text) {
    return new RunInput(Optional.of(text), Optional.empty());
  }

  static RunInput answer(InteractiveToolAnswer answer) {
    return new RunInput(Optional.empty(), Optional.of(answer));
  }

  static RunInput afterDelegation() {
    return new RunInput(Optional.empty(), Optional.empty());
  }
}

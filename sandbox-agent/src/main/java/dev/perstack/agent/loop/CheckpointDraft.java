package dev.perstack.agent.loop;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.checkpoint.CheckpointStatus;
import dev.perstack.protocol.checkpoint.DelegatedBy;
import dev.perstack.protocol.checkpoint.DelegationTarget;
import dev.perstack.protocol.checkpoint.ExpertRef;
import dev.perstack.protocol.checkpoint.RunError;
import dev.perstack.protocol.message.Message;
import dev.perstack.protocol.message.ToolCall;
import dev.perstack.protocol.message.ToolResult;
import dev.perstack.protocol.message.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** A mutable copy of a {@link Checkpoint} that the loop edits, then freezes with {@link #build}. */
final class CheckpointDraft {
  String id;
  String jobId;
  String runId;
  CheckpointStatus status;
  int stepNumber;
  List<Message> messages;
  ExpertRef expert;
  Optional<List<DelegationTarget>> delegateTo;
  Optional<DelegatedBy> delegatedBy;
  Usage usage;
  Optional<List<ToolCall>> pendingToolCalls;
  Optional<List<ToolResult>> partialToolResults;
  Optional<RunError> error;
  int retryCount;
  private final Checkpoint origin;

  CheckpointDraft(Checkpoint from) {
    origin = from;
    id = from.id();
    jobId = from.jobId();
    runId = from.runId();
    status = from.status();
    stepNumber = from.stepNumber();
    messages = new ArrayList<>(from.messages());
    expert = from.expert();
    delegateTo = from.delegateTo();
    delegatedBy = from.delegatedBy();
    usage = from.usage();
    pendingToolCalls = from.pendingToolCalls();
    partialToolResults = from.partialToolResults();
    error = from.error();
    retryCount = from.retryCount().orElse(0);
  }

  /** A fresh checkpoint for a run that has not started. */
  static Checkpoint initial(
      String jobId,
      String runId,
      int stepNumber,
      ExpertRef expert,
      Optional<DelegatedBy> delegatedBy,
      Usage usage) {
    return new Checkpoint(
        Ids.next(),
        jobId,
        runId,
        CheckpointStatus.INIT,
        stepNumber,
        List.of(),
        expert,
        Optional.empty(),
        delegatedBy,
        usage,
        OptionalLong.empty(),
        OptionalDouble.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty());
  }

  List<ToolCall> pending() {
    return pendingToolCalls.orElse(List.of());
  }

  List<ToolResult> partial() {
    return partialToolResults.orElse(List.of());
  }

  Checkpoint build() {
    return new Checkpoint(
        id,
        jobId,
        runId,
        status,
        stepNumber,
        messages,
        expert,
        delegateTo.filter(l -> !l.isEmpty()),
        delegatedBy,
        usage,
        origin.contextWindow(),
        origin.contextWindowUsage(),
        pendingToolCalls.filter(l -> !l.isEmpty()),
        partialToolResults.filter(l -> !l.isEmpty()),
        origin.metadata(),
        error,
        OptionalInt.of(retryCount));
  }
}

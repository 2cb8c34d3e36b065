package dev.perstack.protocol.session;

import dev.perstack.protocol.ProtocolErrorCode;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.RunEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Holds what the agent reports to the job the session was opened for, and to step numbers that
 * never go down within a run.
 */
final class JobBinding {
  private final String jobId;
  private final Map<String, Integer> eventSteps = new HashMap<>();
  private final Map<String, Integer> checkpointSteps = new HashMap<>();

  JobBinding(String jobId) {
    this.jobId = jobId;
  }

  void checkEvent(PerstackEvent event, String where) throws ProtocolException {
    checkJob(event.jobId(), event.type() + " event", where);
    if (event instanceof RunEvent run) {
      checkStep(eventSteps, run.runId(), run.stepNumber(), event.type() + " event", where);
    }
  }

  void checkCheckpoint(Checkpoint checkpoint, String where) throws ProtocolException {
    checkJob(checkpoint.jobId(), "checkpoint " + checkpoint.id(), where);
    checkStep(
        checkpointSteps,
        checkpoint.runId(),
        checkpoint.stepNumber(),
        "checkpoint " + checkpoint.id(),
        where);
  }

  private void checkJob(String claimed, String what, String where) throws ProtocolException {
    if (!jobId.equals(claimed)) {
      throw new ProtocolException(
          ProtocolErrorCode.WRONG_JOB,
          what + " names job " + claimed + " but this session belongs to job " + jobId,
          where,
          "report only the job from the welcome frame's job spec on this connection");
    }
  }

  private static void checkStep(
      Map<String, Integer> lastSteps, String runId, int step, String what, String where)
      throws ProtocolException {
    Integer last = lastSteps.get(runId);
    if (last != null && step < last) {
      throw new ProtocolException(
          ProtocolErrorCode.STEP_REGRESSION,
          what + " of run " + runId + " has step " + step + " after step " + last,
          where,
          "send a run's events and checkpoints in step order");
    }
    lastSteps.put(runId, step);
  }
}

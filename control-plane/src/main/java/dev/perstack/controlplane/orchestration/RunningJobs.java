package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobReport;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs running in this control plane: where reports that do not come from a job's sandbox (the
 * model gateway's exchanges) go, to be stored in order with what the job's agent reports.
 */
public final class RunningJobs {
  private final Map<String, JobExecution> byId = new ConcurrentHashMap<>();

  /**
   * Stores {@code report} behind the reports its job queued before it, when the job runs here.
   *
   * @return false when its job does not run here: the caller stores it
   */
  public boolean report(JobReport report) {
    JobExecution execution = byId.get(report.jobId());
    if (execution == null) {
      return false;
    }
    execution.report(report);
    return true;
  }

  void add(String jobId, JobExecution execution) {
    byId.put(jobId, execution);
  }

  void remove(String jobId) {
    byId.remove(jobId);
  }

  Optional<JobExecution> get(String jobId) {
    return Optional.ofNullable(byId.get(jobId));
  }

  boolean contains(String jobId) {
    return byId.containsKey(jobId);
  }
}

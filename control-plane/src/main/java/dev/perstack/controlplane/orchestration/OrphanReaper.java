package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.sandbox.SandboxException;
import dev.perstack.controlplane.sandbox.SandboxRuntime;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Cleans up after control planes of this home that are gone: removes their sandboxes, then marks
 * their running jobs as ended by error, and only then forgets their leases (see {@link
 * JobOrchestrator#reapOrphans(boolean)}).
 */
final class OrphanReaper {
  private static final Logger LOG = Logger.getLogger(OrphanReaper.class.getName());

  private final OwnerLease owner;
  private final Collection<SandboxRuntime> runtimes;
  private final JobStore store;
  private final Clock clock;
  private final Predicate<String> runningHere;

  /**
   * @param runningHere whether a job id runs in this control plane (never reaped)
   */
  OrphanReaper(
      OwnerLease owner,
      Collection<SandboxRuntime> runtimes,
      JobStore store,
      Clock clock,
      Predicate<String> runningHere) {
    this.owner = owner;
    this.runtimes = runtimes;
    this.store = store;
    this.clock = clock;
    this.runningHere = runningHere;
  }

  int reap(boolean includingUnowned) {
    List<OwnerLease.Claim> gone = owner.claimGone();
    try {
      Set<String> owners = new HashSet<>();
      List<OwnerLease.Claim> cleared = new ArrayList<>();
      for (OwnerLease.Claim claim : gone) {
        owners.add(claim.owner());
        // Sandboxes first: a job is resumable only once nothing of its old run can still act.
        if (reapSandboxes(claim.owner())) {
          cleared.add(claim);
        }
      }
      int reaped =
          endRunningJobs(job -> job.owner().map(owners::contains).orElse(includingUnowned));
      // Only now may the owner be forgotten: its jobs are ended and its sandboxes gone.
      cleared.forEach(OwnerLease.Claim::reaped);
      if (reaped > 0) {
        LOG.warning(
            "marked "
                + reaped
                + " job(s) left running by an earlier control plane as stopped by error");
      }
      return reaped;
    } finally {
      gone.forEach(OwnerLease.Claim::close);
    }
  }

  private boolean reapSandboxes(String goneOwner) {
    boolean all = true;
    for (SandboxRuntime runtime : runtimes) {
      try {
        List<String> jobs = runtime.reap(goneOwner);
        if (!jobs.isEmpty()) {
          LOG.warning(
              "removed the "
                  + runtime.name()
                  + " sandboxes of job(s) "
                  + String.join(", ", jobs)
                  + ", left by control plane "
                  + goneOwner);
        }
      } catch (SandboxException e) {
        LOG.warning(
            "could not look for the "
                + runtime.name()
                + " sandboxes left by control plane "
                + goneOwner
                + " ("
                + e.getMessage()
                + "); the next start looks again");
        all = false;
      }
    }
    return all;
  }

  private int endRunningJobs(Predicate<JobRecord> orphan) {
    int ended = 0;
    int offset = 0;
    while (true) {
      List<JobRecord> page =
          store.jobs(
              new JobQuery(
                  Optional.of(JobState.RUNNING), Optional.empty(), JobQuery.MAX_LIMIT, offset));
      for (JobRecord job : page) {
        if (orphan.test(job) && !runningHere.test(job.id())) {
          store.updateJob(
              job.finish(
                  JobState.STOPPED_BY_ERROR,
                  clock.instant(),
                  Optional.of(
                      "the control plane stopped while this job ran; continue it with"
                          + " --continue-job "
                          + job.id()
                          + " to resume from its last checkpoint")));
          ended++;
        } else {
          offset++;
        }
      }
      if (page.size() < JobQuery.MAX_LIMIT) {
        return ended;
      }
    }
  }
}

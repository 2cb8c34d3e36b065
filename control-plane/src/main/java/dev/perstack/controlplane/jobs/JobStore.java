package dev.perstack.controlplane.jobs;

import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs, their events, checkpoints and model exchanges are kept. Events are append-only;
 * checkpoint messages are stored once each, so storage grows with the number of messages, not with
 * the square of the steps. Implementations are thread-safe.
 */
public interface JobStore {

  /** Stores a new job; fails if the id exists. */
  void createJob(JobRecord job);

  /** Replaces a job's record (its state, end, error, image). */
  void updateJob(JobRecord job);

  Optional<JobRecord> job(String jobId);

  /** Jobs matching the query, newest first. */
  List<JobRecord> jobs(JobQuery query);

  /** The newest job, if any (for {@code --continue}). */
  Optional<JobRecord> latestJob();

  /**
   * Stores a job's reports in the order given, all or none: a running job's events, checkpoints and
   * exchanges arrive in bursts, and one write for a burst costs about what one report alone does.
   *
   * @return the stored events among them, in order, with their sequence numbers
   * @throws IllegalArgumentException if a report belongs to another job
   */
  List<StoredEvent> store(String jobId, List<JobReport> reports);

  /**
   * A writer of the job's reports as they arrive, committed in batches; by default it keeps them
   * until the commit and then {@linkplain #store stores} them.
   */
  default ReportWriter writer(String jobId) {
    return new BufferedReportWriter(this, jobId);
  }

  /**
   * Appends an event to the job's log.
   *
   * @return the stored event, with its sequence number (1, 2, 3, ... per job)
   */
  default StoredEvent appendEvent(String jobId, PerstackEvent event) {
    return store(jobId, List.of(new JobReport.EventReport(event))).get(0);
  }

  /** Up to {@code limit} events after sequence {@code afterSequence}, in order. */
  List<StoredEvent> events(String jobId, long afterSequence, int limit);

  /** Stores a checkpoint; messages already stored for the job are not stored again. */
  default void putCheckpoint(Checkpoint checkpoint) {
    store(checkpoint.jobId(), List.of(new JobReport.CheckpointReport(checkpoint)));
  }

  /** A checkpoint materialised with its full message list, as Perstack shapes it. */
  Optional<Checkpoint> checkpoint(String jobId, String checkpointId);

  /** The job's checkpoints in the order they were stored. */
  List<CheckpointSummary> checkpoints(String jobId);

  /** The last checkpoint stored for the job. */
  Optional<Checkpoint> latestCheckpoint(String jobId);

  /** Records a model exchange; its request's messages already stored are not stored again. */
  default void recordExchange(ModelExchange exchange) {
    store(exchange.jobId(), List.of(new JobReport.ExchangeReport(exchange)));
  }

  List<ModelExchange> exchanges(String jobId);
}

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
   * Appends an event to the job's log.
   *
   * @return the event's sequence number (1, 2, 3, ... per job)
   */
  StoredEvent appendEvent(String jobId, PerstackEvent event);

  /** Up to {@code limit} events after sequence {@code afterSequence}, in order. */
  List<StoredEvent> events(String jobId, long afterSequence, int limit);

  /** Stores a checkpoint; messages already stored for the job are not stored again. */
  void putCheckpoint(Checkpoint checkpoint);

  /** A checkpoint materialised with its full message list, as Perstack shapes it. */
  Optional<Checkpoint> checkpoint(String jobId, String checkpointId);

  /** The job's checkpoints in the order they were stored. */
  List<CheckpointSummary> checkpoints(String jobId);

  /** The last checkpoint stored for the job. */
  Optional<Checkpoint> latestCheckpoint(String jobId);

  void recordExchange(ModelExchange exchange);

  List<ModelExchange> exchanges(String jobId);
}

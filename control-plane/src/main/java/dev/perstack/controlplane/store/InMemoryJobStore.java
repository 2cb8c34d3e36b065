package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.CheckpointSummary;
import dev.perstack.controlplane.jobs.EventJson;
import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.message.Message;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A job store in memory, for tests and tools: the same contract as the database store, kept until
 * the JVM exits. Equal messages are kept once per job, as the database store keeps them.
 * Thread-safe: one lock guards everything, which is plenty for what it is for.
 */
public final class InMemoryJobStore implements JobStore {
  private static final Comparator<JobRecord> NEWEST_FIRST =
      Comparator.comparing(JobRecord::createdAt).thenComparing(JobRecord::id).reversed();

  private final ProtocolCodec codec;
  private final Clock clock;
  private final Map<String, Job> jobs = new HashMap<>();

  public InMemoryJobStore() {
    this(ProtocolCodec.create(), Clock.systemUTC());
  }

  public InMemoryJobStore(ProtocolCodec codec, Clock clock) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** One job and everything stored for it. */
  private static final class Job {
    JobRecord record;
    final List<StoredEvent> events = new ArrayList<>();
    final Map<Message, Message> messages = new HashMap<>();

    /** The kept instance of each message instance of the checkpoint stored last. */
    Map<Message, Message> recentKept = new IdentityHashMap<>();

    /** The JSON of the messages of the conversations stored last, by identity. */
    Map<Message, String> recentMessageJson = new IdentityHashMap<>();

    /** The job's conversation tree, as the database store keeps it: node by (previous, message). */
    final Map<Node, Integer> nodes = new HashMap<>();

    final Map<String, Checkpoint> checkpoints = new LinkedHashMap<>();
    final List<CheckpointSummary> summaries = new ArrayList<>();
    final List<ModelExchange> exchanges = new ArrayList<>();

    Job(JobRecord record) {
      this.record = record;
    }
  }

  @Override
  public synchronized void createJob(JobRecord job) {
    if (jobs.containsKey(job.id())) {
      throw new JobStoreException("job " + job.id() + " exists already");
    }
    jobs.put(job.id(), new Job(StoredTimes.normalise(job)));
  }

  @Override
  public synchronized void updateJob(JobRecord job) {
    existing(job.id()).record = StoredTimes.normalise(job);
  }

  @Override
  public synchronized Optional<JobRecord> job(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(j -> j.record);
  }

  @Override
  public synchronized List<JobRecord> jobs(JobQuery query) {
    return jobs.values().stream()
        .map(j -> j.record)
        .filter(r -> query.state().map(s -> s == r.state()).orElse(true))
        .filter(r -> query.expertKey().map(k -> k.equals(r.expertKey())).orElse(true))
        .sorted(NEWEST_FIRST)
        .skip(query.offset())
        .limit(query.limit())
        .toList();
  }

  @Override
  public synchronized Optional<JobRecord> latestJob() {
    return jobs.values().stream().map(j -> j.record).sorted(NEWEST_FIRST).findFirst();
  }

  @Override
  public synchronized List<StoredEvent> store(String jobId, List<JobReport> reports) {
    JobReport.requireAllOf(jobId, reports);
    Set<String> checkpointIds = new HashSet<>();
    for (JobReport report : reports) {
      Job job = existing(jobId);
      // Checked before anything is stored: a batch is stored whole or not at all.
      if (report instanceof JobReport.CheckpointReport p
          && (job.checkpoints.containsKey(p.checkpoint().id())
              || !checkpointIds.add(p.checkpoint().id()))) {
        throw new JobStoreException(
            "checkpoint " + p.checkpoint().id() + " of job " + jobId + " is stored already");
      }
    }
    List<StoredEvent> events = new ArrayList<>();
    for (JobReport report : reports) {
      Job job = existing(jobId);
      if (report instanceof JobReport.EventReport e) {
        events.add(append(job, e.event()));
      } else if (report instanceof JobReport.CheckpointReport p) {
        put(job, p.checkpoint());
      } else if (report instanceof JobReport.ExchangeReport x) {
        job.exchanges.add(x.exchange());
      }
    }
    return events;
  }

  private StoredEvent append(Job job, PerstackEvent event) {
    String jobId = job.record.id();
    // The messages of the conversations stored last are not encoded again.
    Map<Message, String> known = job.recentMessageJson;
    Map<Message, String> now = new IdentityHashMap<>();
    EventJson json =
        EncodedEvent.of(
                codec,
                event,
                conversation -> {
                  List<String> bodies = new ArrayList<>(conversation.size());
                  for (Message m : conversation) {
                    String body = known.get(m);
                    bodies.add(body != null ? body : codec.encode(m));
                    now.put(m, bodies.get(bodies.size() - 1));
                  }
                  return bodies;
                })
            .json();
    if (!now.isEmpty()) {
      job.recentMessageJson = now;
    }
    StoredEvent stored =
        new StoredEvent(jobId, job.events.size() + 1L, event.type(), event.timestamp(), json);
    job.events.add(stored);
    return stored;
  }

  @Override
  public synchronized List<StoredEvent> events(String jobId, long afterSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    Job job = jobs.get(jobId);
    if (job == null || afterSequence >= job.events.size()) {
      return List.of();
    }
    int from = (int) Math.max(0, afterSequence);
    return List.copyOf(
        job.events.subList(from, (int) Math.min(job.events.size(), from + (long) limit)));
  }

  private void put(Job job, Checkpoint checkpoint) {
    // Equal messages are kept once: the stored checkpoint holds the job's own instances.
    List<Message> messages = new ArrayList<>(checkpoint.messages().size());
    Map<Message, Message> recent = new IdentityHashMap<>();
    int previous = 0;
    for (Message m : checkpoint.messages()) {
      // The instances of the last checkpoint's messages are looked up by identity: a record's
      // hash walks the whole message.
      Message kept = job.recentKept.get(m);
      if (kept == null) {
        kept = job.messages.computeIfAbsent(m, k -> k);
      }
      recent.put(m, kept);
      messages.add(kept);
      previous = job.nodes.computeIfAbsent(new Node(previous, kept), n -> job.nodes.size() + 1);
    }
    job.recentKept = recent;
    job.checkpoints.put(checkpoint.id(), CheckpointJson.withMessages(checkpoint, messages));
    job.summaries.add(
        new CheckpointSummary(
            checkpoint.id(),
            checkpoint.jobId(),
            checkpoint.runId(),
            checkpoint.expert().key(),
            checkpoint.stepNumber(),
            checkpoint.status().toString(),
            checkpoint.messages().size(),
            clock.millis()));
  }

  @Override
  public synchronized Optional<Checkpoint> checkpoint(String jobId, String checkpointId) {
    return Optional.ofNullable(jobs.get(jobId)).map(j -> j.checkpoints.get(checkpointId));
  }

  @Override
  public synchronized List<CheckpointSummary> checkpoints(String jobId) {
    return Optional.ofNullable(jobs.get(jobId))
        .map(j -> List.copyOf(j.summaries))
        .orElse(List.of());
  }

  @Override
  public synchronized Optional<Checkpoint> latestCheckpoint(String jobId) {
    return Optional.ofNullable(jobs.get(jobId))
        .filter(j -> !j.summaries.isEmpty())
        .map(j -> j.checkpoints.get(j.summaries.get(j.summaries.size() - 1).id()));
  }

  @Override
  public synchronized List<ModelExchange> exchanges(String jobId) {
    return Optional.ofNullable(jobs.get(jobId))
        .map(j -> List.copyOf(j.exchanges))
        .orElse(List.of());
  }

  /**
   * How many messages the job's checkpoints hold, each counted once per place in the job's
   * conversation tree: the rows the database store would have.
   */
  public synchronized int storedMessages(String jobId) {
    return Optional.ofNullable(jobs.get(jobId)).map(j -> j.nodes.size()).orElse(0);
  }

  /**
   * A kept message where it stands in a conversation: after the node numbered {@code previous}.
   * Kept messages are one instance per distinct message, so identity is equality here.
   */
  private record Node(int previous, Message message) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Node node && node.previous == previous && node.message == message;
    }

    @Override
    public int hashCode() {
      return 31 * previous + System.identityHashCode(message);
    }
  }

  private Job existing(String jobId) {
    Job job = jobs.get(jobId);
    if (job == null) {
      throw new JobStoreException("there is no job " + jobId);
    }
    return job;
  }
}

package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.CheckpointSummary;
import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.store.entity.CheckpointEntity;
import dev.perstack.controlplane.store.entity.EventEntity;
import dev.perstack.controlplane.store.entity.ExchangeEntity;
import dev.perstack.controlplane.store.entity.JobEntity;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.message.Message;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.LockModeType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * The job store on a database through Hibernate ORM: H2 or PostgreSQL, whichever persistence unit
 * is active. Every call is one transaction of its own, so a failed write leaves nothing behind;
 * writes of one job are serialised by a lock on the job's row.
 */
public final class DatabaseJobStore implements JobStore {
  private final Supplier<Session> sessions;
  private final ProtocolCodec codec;
  private final CheckpointJson checkpointJson;
  private final Clock clock;
  private final JobLocks locks = new JobLocks(256);

  /**
   * @param sessions the persistence unit's transaction-scoped session
   */
  public DatabaseJobStore(Supplier<Session> sessions, ProtocolCodec codec, Clock clock) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.checkpointJson = new CheckpointJson(codec);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void createJob(JobRecord job) {
    JobRecord stored = StoredTimes.normalise(job);
    write(
        job.id(),
        "create job " + job.id(),
        s -> {
          if (s.find(JobEntity.class, job.id()) != null) {
            throw new JobStoreException("job " + job.id() + " exists already");
          }
          s.persist(JobEntity.of(stored));
          return null;
        });
  }

  @Override
  public void updateJob(JobRecord job) {
    JobRecord stored = StoredTimes.normalise(job);
    write(
        job.id(),
        "update job " + job.id(),
        s -> {
          JobEntity row = s.find(JobEntity.class, job.id(), LockModeType.PESSIMISTIC_WRITE);
          if (row == null) {
            throw unknownJob(job.id());
          }
          row.update(stored);
          return null;
        });
  }

  @Override
  public Optional<JobRecord> job(String jobId) {
    return read(
        "read job " + jobId,
        s -> Optional.ofNullable(s.find(JobEntity.class, jobId)).map(JobEntity::toRecord));
  }

  @Override
  public List<JobRecord> jobs(JobQuery query) {
    return read("list jobs", s -> JobQueries.list(s, query));
  }

  @Override
  public Optional<JobRecord> latestJob() {
    return jobs(new JobQuery(Optional.empty(), Optional.empty(), 1, 0)).stream().findFirst();
  }

  @Override
  public StoredEvent appendEvent(String jobId, PerstackEvent event) {
    requireSameJob(jobId, event.jobId(), "event " + event.id());
    String json = codec.encodeEvent(event);
    List<List<? extends Message>> conversations = new ArrayList<>();
    List<List<String>> encoded = new ArrayList<>();
    for (List<? extends Message> conversation : EventConversations.of(event)) {
      if (!conversation.isEmpty()) {
        conversations.add(conversation);
        encoded.add(encode(conversation));
      }
    }
    Optional<EventBodies.Compacted> compacted = EventBodies.cut(json, encoded);
    return write(
        jobId,
        "append a " + event.type() + " event to job " + jobId,
        s -> {
          lockJob(s, jobId);
          EventEntity row = new EventEntity();
          row.jobId = jobId;
          row.seq =
              s.createSelectionQuery(
                          "select coalesce(max(e.seq), 0) from EventEntity e where e.jobId = :job",
                          Long.class)
                      .setParameter("job", jobId)
                      .getSingleResult()
                  + 1;
          row.eventId = event.id();
          row.type = event.type();
          row.runId = event.runId();
          row.occurredAt = event.timestamp();
          row.body = json;
          if (compacted.isPresent()) {
            List<EventBodies.Ref> refs = new ArrayList<>();
            List<EventBodies.Cut> cuts = compacted.get().cuts();
            for (int i = 0; i < cuts.size(); i++) {
              long last = MessageLog.store(s, jobId, conversations.get(i), cuts.get(i).messages());
              refs.add(
                  new EventBodies.Ref(cuts.get(i).offset(), last, cuts.get(i).messages().size()));
            }
            row.body = compacted.get().body();
            row.messageRefs = EventBodies.format(refs);
          }
          s.persist(row);
          return new StoredEvent(jobId, row.seq, event.type(), event.timestamp(), json);
        });
  }

  @Override
  public List<StoredEvent> events(String jobId, long afterSequence, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    return read(
        "read the events of job " + jobId,
        s -> {
          List<EventEntity> rows =
              s.createSelectionQuery(
                      "from EventEntity e where e.jobId = :job and e.seq > :after order by e.seq",
                      EventEntity.class)
                  .setParameter("job", jobId)
                  .setParameter("after", afterSequence)
                  .setMaxResults(limit)
                  .getResultList();
          // Consecutive events often carry the same conversation: read each one once per page.
          Map<Long, List<String>> conversations = new HashMap<>();
          List<StoredEvent> events = new ArrayList<>(rows.size());
          for (EventEntity row : rows) {
            String json =
                EventBodies.expand(
                    row.body,
                    EventBodies.parse(row.messageRefs),
                    ref ->
                        conversations.computeIfAbsent(
                            ref.lastMessageSeq(),
                            last -> MessageLog.conversation(s, jobId, last, ref.count())));
            events.add(new StoredEvent(jobId, row.seq, row.type, row.occurredAt, json));
          }
          return events;
        });
  }

  @Override
  public void putCheckpoint(Checkpoint checkpoint) {
    String jobId = checkpoint.jobId();
    String header = checkpointJson.header(checkpoint);
    List<String> messages = encode(checkpoint.messages());
    long storedAt = clock.millis();
    write(
        jobId,
        "store checkpoint " + checkpoint.id() + " of job " + jobId,
        s -> {
          lockJob(s, jobId);
          CheckpointEntity row = new CheckpointEntity();
          row.jobId = jobId;
          row.id = checkpoint.id();
          row.lastMessageSeq = MessageLog.store(s, jobId, checkpoint.messages(), messages);
          row.ordinal =
              s.createSelectionQuery(
                          "select coalesce(max(c.ordinal), 0) from CheckpointEntity c"
                              + " where c.jobId = :job",
                          Long.class)
                      .setParameter("job", jobId)
                      .getSingleResult()
                  + 1;
          row.runId = checkpoint.runId();
          row.expertKey = checkpoint.expert().key();
          row.stepNumber = checkpoint.stepNumber();
          row.status = checkpoint.status().toString();
          row.messageCount = messages.size();
          row.storedAt = storedAt;
          row.header = header;
          s.persist(row);
          try {
            s.flush();
          } catch (RuntimeException e) {
            if (Transactions.causedBy(e, ConstraintViolationException.class)) {
              // The job's row is locked, so the ordinal is free: the id is what is taken.
              throw new JobStoreException(
                  "checkpoint " + checkpoint.id() + " of job " + jobId + " is stored already", e);
            }
            throw e;
          }
          return null;
        });
  }

  @Override
  public Optional<Checkpoint> checkpoint(String jobId, String checkpointId) {
    return read(
        "read checkpoint " + checkpointId + " of job " + jobId,
        s ->
            Optional.ofNullable(
                    s.find(CheckpointEntity.class, new CheckpointEntity.Key(jobId, checkpointId)))
                .map(row -> materialise(s, row)));
  }

  @Override
  public List<CheckpointSummary> checkpoints(String jobId) {
    return read(
        "list the checkpoints of job " + jobId,
        s ->
            checkpointRows(s, jobId, Integer.MAX_VALUE).stream()
                .map(DatabaseJobStore::summary)
                .toList());
  }

  @Override
  public Optional<Checkpoint> latestCheckpoint(String jobId) {
    return read(
        "read the latest checkpoint of job " + jobId,
        s -> checkpointRows(s, jobId, 1).stream().findFirst().map(row -> materialise(s, row)));
  }

  @Override
  public void recordExchange(ModelExchange exchange) {
    write(
        exchange.jobId(),
        "record model exchange " + exchange.requestId() + " of job " + exchange.jobId(),
        s -> {
          if (s.find(JobEntity.class, exchange.jobId()) == null) {
            throw unknownJob(exchange.jobId());
          }
          s.persist(ExchangeEntity.of(exchange));
          return null;
        });
  }

  @Override
  public List<ModelExchange> exchanges(String jobId) {
    return read(
        "read the model exchanges of job " + jobId,
        s ->
            s
                .createSelectionQuery(
                    "from ExchangeEntity x where x.jobId = :job order by x.id",
                    ExchangeEntity.class)
                .setParameter("job", jobId)
                .getResultList()
                .stream()
                .map(ExchangeEntity::toExchange)
                .toList());
  }

  private List<CheckpointEntity> checkpointRows(Session s, String jobId, int limit) {
    boolean newestOnly = limit == 1;
    return s.createSelectionQuery(
            "from CheckpointEntity c where c.jobId = :job order by c.ordinal"
                + (newestOnly ? " desc" : ""),
            CheckpointEntity.class)
        .setParameter("job", jobId)
        .setMaxResults(limit)
        .getResultList();
  }

  private Checkpoint materialise(Session s, CheckpointEntity row) {
    return checkpointJson.assemble(
        row.header, MessageLog.conversation(s, row.jobId, row.lastMessageSeq, row.messageCount));
  }

  private static CheckpointSummary summary(CheckpointEntity row) {
    return new CheckpointSummary(
        row.id,
        row.jobId,
        row.runId,
        row.expertKey,
        row.stepNumber,
        row.status,
        row.messageCount,
        row.storedAt);
  }

  private List<String> encode(List<? extends Message> messages) {
    List<String> encoded = new ArrayList<>(messages.size());
    messages.forEach(m -> encoded.add(codec.encode(m)));
    return encoded;
  }

  /** Locks the job's row until the transaction ends: one writer per job, across processes. */
  private static void lockJob(Session s, String jobId) {
    if (s.find(JobEntity.class, jobId, LockModeType.PESSIMISTIC_WRITE) == null) {
      throw unknownJob(jobId);
    }
  }

  private static JobStoreException unknownJob(String jobId) {
    return new JobStoreException("there is no job " + jobId);
  }

  private static void requireSameJob(String jobId, String carried, String what) {
    if (!jobId.equals(carried)) {
      throw new IllegalArgumentException(what + " belongs to job " + carried + ", not " + jobId);
    }
  }

  private <T> T write(String jobId, String what, Function<Session, T> work) {
    return locks.withLock(jobId, () -> transaction(what, true, work));
  }

  private <T> T read(String what, Function<Session, T> work) {
    return transaction(what, false, work);
  }

  private <T> T transaction(String what, boolean writes, Function<Session, T> work) {
    return Transactions.run(
        what,
        writes,
        () -> QuarkusTransaction.requiringNew().call(() -> work.apply(sessions.get())));
  }
}

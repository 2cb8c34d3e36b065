package dev.perstack.controlplane.store;

import dev.perstack.controlplane.jobs.CheckpointSummary;
import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.ReportWriter;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.store.entity.CheckpointEntity;
import dev.perstack.controlplane.store.entity.EventEntity;
import dev.perstack.controlplane.store.entity.ExchangeEntity;
import dev.perstack.controlplane.store.entity.JobCountersEntity;
import dev.perstack.controlplane.store.entity.JobEntity;
import dev.perstack.protocol.ProtocolException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.codec.ProtocolCodec;
import dev.perstack.protocol.generation.GenerationRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

/**
 * The job store on a database: H2 or PostgreSQL, whichever persistence unit is active. Every call
 * is one transaction of its own, so a failed write leaves nothing behind; jobs and reads go through
 * Hibernate ORM, a job's reports through plain JDBC on the same pool ({@link JdbcReportWriter}).
 * Writes of one job are serialised by a lock on the job's counters row.
 */
public final class DatabaseJobStore implements JobStore {
  private final Supplier<Session> sessions;
  private final ConnectionSource connections;
  private final ProtocolCodec codec;
  private final CheckpointJson checkpointJson;
  private final JobLocks locks = new JobLocks(256);
  private final MessageLog messageLog;
  private final ReportWrites reportWrites;

  /**
   * @param sessions the persistence unit's transaction-scoped session
   */
  public DatabaseJobStore(Supplier<Session> sessions, ProtocolCodec codec, Clock clock) {
    this(sessions, ConnectionSource.of(sessions), codec, clock);
  }

  /**
   * @param connections where report writes get their connections (tests put a failing one here)
   */
  DatabaseJobStore(
      Supplier<Session> sessions, ConnectionSource connections, ProtocolCodec codec, Clock clock) {
    this.sessions = Objects.requireNonNull(sessions, "sessions");
    this.connections = Objects.requireNonNull(connections, "connections");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.checkpointJson = new CheckpointJson(codec);
    this.messageLog = new MessageLog(codec::encode);
    this.reportWrites = new ReportWrites(codec, messageLog, Objects.requireNonNull(clock, "clock"));
  }

  @Override
  public void createJob(JobRecord job) {
    JobRecord stored = StoredTimes.normalise(job);
    writeEntities(
        job.id(),
        "create job " + job.id(),
        s -> {
          if (s.find(JobEntity.class, job.id()) != null) {
            throw new JobStoreException("job " + job.id() + " exists already");
          }
          s.persist(JobEntity.of(stored));
          s.persist(JobCountersEntity.start(job.id()));
          return null;
        });
  }

  @Override
  public void updateJob(JobRecord job) {
    JobRecord stored = StoredTimes.normalise(job);
    writeEntities(
        job.id(),
        "update job " + job.id(),
        s -> {
          JobEntity row = s.find(JobEntity.class, job.id());
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
  public List<StoredEvent> store(String jobId, List<JobReport> reports) {
    JobReport.requireAllOf(jobId, reports);
    try (ReportWriter writer = writer(jobId)) {
      reports.forEach(writer::add);
      return writer.commit();
    }
  }

  @Override
  public ReportWriter writer(String jobId) {
    return new JdbcReportWriter(jobId, connections, locks.of(jobId), reportWrites, messageLog);
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
          return s.doReturningWork(
              c -> {
                // Consecutive events often carry the same conversation: read it once per page.
                Map<Long, List<String>> conversations = new HashMap<>();
                List<StoredEvent> events = new ArrayList<>(rows.size());
                for (EventEntity row : rows) {
                  List<EventBodies.Ref> refs = EventBodies.parse(row.messageRefs);
                  for (EventBodies.Ref ref : refs) {
                    if (!conversations.containsKey(ref.lastMessageSeq())) {
                      conversations.put(
                          ref.lastMessageSeq(),
                          messageLog.conversation(c, jobId, ref.lastMessageSeq(), ref.count()));
                    }
                  }
                  String json =
                      EventBodies.expand(
                          row.body, refs, ref -> conversations.get(ref.lastMessageSeq()));
                  events.add(new StoredEvent(jobId, row.seq, row.type, row.occurredAt, json));
                }
                return events;
              });
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
  public List<ModelExchange> exchanges(String jobId) {
    return read(
        "read the model exchanges of job " + jobId,
        s -> {
          List<ExchangeEntity> rows =
              s.createSelectionQuery(
                      "from ExchangeEntity x where x.jobId = :job order by x.id",
                      ExchangeEntity.class)
                  .setParameter("job", jobId)
                  .getResultList();
          return s.doReturningWork(
              c -> {
                List<ModelExchange> exchanges = new ArrayList<>(rows.size());
                for (ExchangeEntity row : rows) {
                  List<EventBodies.Ref> refs = EventBodies.parse(row.messageRefs);
                  List<List<String>> conversations = new ArrayList<>(refs.size());
                  for (EventBodies.Ref ref : refs) {
                    conversations.add(
                        messageLog.conversation(c, jobId, ref.lastMessageSeq(), ref.count()));
                  }
                  exchanges.add(row.toExchange(request(row, refs, conversations)));
                }
                return exchanges;
              });
        });
  }

  /** The row's request with its conversation put back, decoded. */
  private GenerationRequest request(
      ExchangeEntity row, List<EventBodies.Ref> refs, List<List<String>> conversations) {
    try {
      return codec.decode(
          EventBodies.expand(row.request, refs, conversations), GenerationRequest.class);
    } catch (ProtocolException | IndexOutOfBoundsException e) {
      throw new JobStoreException(
          "the stored request of model exchange "
              + row.requestId
              + " of job "
              + row.jobId
              + " cannot be read ("
              + e.getMessage()
              + "); the row was written by another program or changed by hand",
          e);
    }
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
    List<String> messages =
        s.doReturningWork(
            c -> messageLog.conversation(c, row.jobId, row.lastMessageSeq, row.messageCount));
    return checkpointJson.assemble(row.header, messages);
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

  private static JobStoreException unknownJob(String jobId) {
    return new JobStoreException("there is no job " + jobId);
  }

  /** A write of one job through Hibernate's entities. */
  private <T> T writeEntities(String jobId, String what, Function<Session, T> work) {
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

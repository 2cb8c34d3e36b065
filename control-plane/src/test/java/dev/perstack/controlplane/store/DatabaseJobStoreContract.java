package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import io.quarkus.hibernate.orm.PersistenceUnit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.hibernate.Session;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The contract on the database store, plus what only a database can show: rows and faults. */
abstract class DatabaseJobStoreContract extends JobStoreContract {
  @Inject JobStore injected;
  @Inject @Any Instance<Session> sessions;

  /** The database this class runs on. */
  protected abstract DatabaseKind kind();

  @Override
  protected JobStore store() {
    return injected;
  }

  @Override
  protected long storedMessages(String jobId) {
    return count("select count(*) from perstack_messages where job_id = :job", jobId);
  }

  Session session() {
    return sessions.select(new PersistenceUnit.PersistenceUnitLiteral(kind().unit())).get();
  }

  long count(String sql, String jobId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        session()
                            .createNativeQuery(sql, Object.class)
                            .setParameter("job", jobId)
                            .getSingleResult())
                    .longValue());
  }

  /** Another store on the same database, as a second control plane would be. */
  DatabaseJobStore secondStore() {
    Session session = session();
    return new DatabaseJobStore(() -> session, CODEC, Clock.systemUTC());
  }

  @Nested
  class TheInjectedStore {
    @Test
    void isTheDatabaseStore() {
      assertThat(injected.toString()).contains("DatabaseJobStore");
    }
  }

  @Nested
  class Storage {
    @Test
    void aStoreThatRemembersOnlyAPrefixFindsTheRestStoredElsewhereAndAddsNoMessage() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      Checkpoint first = run.checkpoints.get(0);
      Checkpoint last = run.checkpoints.get(2);
      // Another control plane, or this one before a restart, stored the longer conversation.
      secondStore().putCheckpoint(last);
      long messages = storedMessages(job.id());
      DatabaseJobStore here = secondStore();
      here.putCheckpoint(first);
      Checkpoint again =
          Samples.checkpoint(
              job.id(), last.runId(), last.stepNumber(), last.status(), last.messages());

      here.putCheckpoint(again);

      assertThat(storedMessages(job.id())).isEqualTo(messages);
      assertThat(store().checkpoint(job.id(), again.id()))
          .hasValueSatisfying(c -> assertThat(c.messages()).isEqualTo(last.messages()));
    }

    @Test
    void growsLinearlyWithTheMessagesOfARun() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 50, false);
      long rawEventBytes = 0;
      for (PerstackEvent event : run.events) {
        rawEventBytes += store().appendEvent(job.id(), event).json().length();
      }
      run.checkpoints.forEach(store()::putCheckpoint);

      long messageRows = storedMessages(job.id());
      long messageBytes =
          count("select sum(length(body)) from perstack_messages where job_id = :job", job.id());
      long eventBytes =
          count("select sum(length(body)) from perstack_events where job_id = :job", job.id());
      long checkpointBytes =
          count(
              "select sum(length(header)) from perstack_checkpoints where job_id = :job", job.id());
      long rawCheckpointBytes =
          run.checkpoints.stream().mapToLong(c -> CODEC.encode(c).length()).sum();
      System.out.printf(
          "[%s] 50-step run: %d events (%d KiB as printed) and %d checkpoints (%d KiB as sent)"
              + " stored as %d message rows (%d KiB) + %d KiB of event bodies + %d KiB of"
              + " checkpoint headers%n",
          kind().unit(),
          run.events.size(),
          rawEventBytes / 1024,
          run.checkpoints.size(),
          rawCheckpointBytes / 1024,
          messageRows,
          messageBytes / 1024,
          eventBytes / 1024,
          checkpointBytes / 1024);

      // Each of the 102 messages once, though events and checkpoints carry 7,000+ copies.
      assertThat(messageRows).isEqualTo(run.messageCount()).isEqualTo(102);
      assertThat(eventBytes + checkpointBytes + messageBytes)
          .isLessThan((rawEventBytes + rawCheckpointBytes) / 10);
      assertThat(store().events(job.id(), 0, 1000))
          .extracting(StoredEvent::json)
          .containsExactlyElementsOf(run.events.stream().map(CODEC::encodeEvent).toList());
    }
  }

  @Nested
  class ExchangeStorage {
    @Test
    void keepsEachRequestsConversationInTheMessageLog() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 50, false);
      // As a job's store thread writes them: what queued up while the last write ran.
      for (int from = 0; from < run.reports.size(); from += 4) {
        store().store(job.id(), run.reports.subList(from, Math.min(run.reports.size(), from + 4)));
      }

      long rawRequestBytes =
          run.exchanges.stream().mapToLong(x -> CODEC.encode(x.request()).length()).sum();
      long requestBytes =
          count(
              "select sum(length(request)) from perstack_model_exchanges where job_id = :job",
              job.id());
      System.out.printf(
          "[%s] 50 requests: %d KiB as sent, stored as %d KiB of request bodies%n",
          kind().unit(), rawRequestBytes / 1024, requestBytes / 1024);

      assertThat(storedMessages(job.id())).isEqualTo(run.messageCount());
      assertThat(requestBytes).isLessThan(rawRequestBytes / 10);
      assertThat(store().exchanges(job.id())).containsExactlyElementsOf(run.exchanges);
      assertThat(store().events(job.id(), 0, 1000))
          .extracting(StoredEvent::json)
          .containsExactlyElementsOf(run.events.stream().map(CODEC::encodeEvent).toList());
    }

    @Test
    void readsBackRowsStoredWholeBeforeConversationsWereCutOut() {
      JobRecord job = createdJob();
      ModelExchange exchange = Samples.exchange(job.id(), 1, OptionalDouble.empty());
      // A row as version 3 of the schema wrote it: the whole request, no references.
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  session()
                      .createNativeMutationQuery(
                          "insert into perstack_model_exchanges (job_id, request_id,"
                              + " request_digest, request, response, failed, input_tokens,"
                              + " output_tokens, reasoning_tokens, cached_input_tokens,"
                              + " started_at, duration_ms, expert_key, provider, model)"
                              + " values (:job, :id, :digest, :request, :response, :failed,"
                              + " :in, :out, :reasoning, :cached, :started, :duration, :expert,"
                              + " :provider, :model)")
                      .setParameter("job", job.id())
                      .setParameter("id", exchange.requestId())
                      .setParameter("digest", exchange.requestDigest())
                      .setParameter("request", CODEC.encode(exchange.request()))
                      .setParameter("response", exchange.response())
                      .setParameter("failed", exchange.failed())
                      .setParameter("in", exchange.inputTokens())
                      .setParameter("out", exchange.outputTokens())
                      .setParameter("reasoning", exchange.reasoningTokens())
                      .setParameter("cached", exchange.cachedInputTokens())
                      .setParameter("started", exchange.startedAt())
                      .setParameter("duration", exchange.durationMs())
                      .setParameter("expert", exchange.expertKey())
                      .setParameter("provider", exchange.provider())
                      .setParameter("model", exchange.model())
                      .executeUpdate());

      assertThat(store().exchanges(job.id())).containsExactly(exchange);
    }

    @Test
    void aRequestChangedByHandIsAClearError() {
      JobRecord job = createdJob();
      ModelExchange exchange = Samples.exchange(job.id(), 1, OptionalDouble.empty());
      store().recordExchange(exchange);
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  session()
                      .createNativeMutationQuery(
                          "update perstack_model_exchanges set request = '{\"expertKey\":1}'"
                              + " where job_id = :job")
                      .setParameter("job", job.id())
                      .executeUpdate());

      assertThatThrownBy(() -> store().exchanges(job.id()))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("the stored request of model exchange " + exchange.requestId())
          .hasMessageContaining("of job " + job.id());
    }
  }

  @Nested
  class Failures {
    @Test
    void aDatabaseFailingMidWriteLeavesNothingBehind() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 4, false);
      store().putCheckpoint(run.checkpoints.get(0));
      long messages = storedMessages(job.id());
      DatabaseJobStore failing =
          new DatabaseJobStore(
              DatabaseJobStoreContract.this::session,
              FaultySessions.connectionsFailingAtCheckpointRow(session()),
              CODEC,
              Clock.systemUTC());
      Checkpoint next = run.checkpoints.get(3);

      assertThatThrownBy(() -> failing.putCheckpoint(next))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("could not store checkpoint " + next.id())
          .hasMessageContaining("nothing of it was stored")
          .hasMessageContaining("simulated: disk full");

      assertThat(storedMessages(job.id())).isEqualTo(messages);
      assertThat(store().checkpoints(job.id())).hasSize(1);
      store().putCheckpoint(next);
      assertThat(store().latestCheckpoint(job.id())).contains(next);
    }

    @Test
    void anUnreachableDatabaseIsAClearError() {
      DatabaseJobStore down =
          new DatabaseJobStore(FaultySessions.unreachable(), CODEC, Clock.systemUTC());
      JobRecord job = Samples.job();

      assertThatThrownBy(() -> down.createJob(job))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("could not create job " + job.id() + " (nothing of it was stored)")
          .hasMessageContaining("Connection to 127.0.0.1:1 refused");
      assertThatThrownBy(() -> down.appendEvent(job.id(), Samples.stderr(job.id(), 1)))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("could not append a skillStderr event to job " + job.id());
      assertThatThrownBy(() -> down.job(job.id()))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("could not read job " + job.id() + "; the database said");
      assertThat(store().job(job.id())).isEmpty();
    }
  }

  @Nested
  class Speed {
    @Test
    void takesEventsAsFastAsTheyArrive() throws Exception {
      // Warm up the JIT and the pool before measuring.
      Throughput.smallEvents(store(), 500);
      List<Throughput.Result> events =
          List.of(
              Throughput.smallEvents(store(), 3000),
              Throughput.runEvents(store(), 100),
              Throughput.parallelJobs(store(), 8, 500),
              Throughput.readBack(secondStore(), 100));
      Throughput.Result steps = Throughput.steps(store(), 100);
      events.forEach(r -> System.out.println("[" + kind().unit() + "] " + r));
      System.out.println("[" + kind().unit() + "] " + steps);

      // Floors far below what any machine does, so that only a real regression fails them.
      assertThat(events).allSatisfy(r -> assertThat(r.perSecond()).isGreaterThan(100));
      assertThat(steps.perSecond()).isGreaterThan(10);
    }
  }

  @Nested
  class Locking {
    @Test
    void twoStoresAppendingToOneJobStillGetGapFreeSequences() throws Exception {
      JobRecord job = createdJob();
      List<JobStore> stores = List.of(store(), secondStore(), secondStore(), secondStore());
      ExecutorService pool = Executors.newFixedThreadPool(stores.size());
      try {
        List<Future<List<Long>>> writers = new ArrayList<>();
        for (JobStore writer : stores) {
          writers.add(
              pool.submit(
                  () -> {
                    List<Long> got = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                      got.add(writer.appendEvent(job.id(), Samples.stderr(job.id(), i)).sequence());
                    }
                    return got;
                  }));
        }
        List<Long> sequences = new ArrayList<>();
        for (Future<List<Long>> writer : writers) {
          sequences.addAll(writer.get());
        }

        assertThat(sequences)
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 1000).boxed().toList());
      } finally {
        pool.shutdownNow();
      }
    }
  }
}

package dev.perstack.controlplane.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.ModelExchange;
import dev.perstack.controlplane.jobs.ReportWriter;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.protocol.event.PerstackEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} does; each implementation's test extends this class. The checkpoint
 * part of the contract, and the hooks, are in {@link CheckpointStoreContract}.
 */
abstract class JobStoreContract extends CheckpointStoreContract {
  @Nested
  class Jobs {
    @Test
    void aCreatedJobReadsBackEqual() {
      JobRecord job = createdJob();

      assertThat(store().job(job.id())).contains(job);
    }

    @Test
    void anUnknownJobIsEmpty() {
      assertThat(store().job(Samples.id("nope"))).isEmpty();
    }

    @Test
    void creatingAJobTwiceFails() {
      JobRecord job = createdJob();

      assertThatThrownBy(() -> store().createJob(job))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining(job.id())
          .hasMessageContaining("exists already");
    }

    @Test
    void anUpdateReplacesTheRecord() {
      JobRecord job = createdJob();
      JobRecord finished =
          job.withImage("perstack/sandbox@sha256:abc")
              .finish(
                  JobState.STOPPED_BY_ERROR, job.createdAt().plusSeconds(5), Optional.of("boom"));

      store().updateJob(finished);

      assertThat(store().job(job.id())).contains(finished);
    }

    @Test
    void updatingAnUnknownJobFails() {
      assertThatThrownBy(() -> store().updateJob(Samples.job()))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("no job");
    }

    @Test
    void timesAreKeptToTheMicrosecond() {
      JobRecord job = Samples.job(Samples.EXPERT, Instant.parse("2026-01-02T03:04:05.123456789Z"));

      store().createJob(job);

      assertThat(store().job(job.id()).orElseThrow().createdAt())
          .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
    }

    @Test
    void listsAreNewestFirstAndFilterByStateAndExpert() {
      String expert = Samples.id("expert");
      Instant t = Instant.parse("2030-01-01T00:00:00Z");
      JobRecord oldest = Samples.job(expert, t);
      JobRecord middle = Samples.job(expert, t.plusSeconds(1));
      JobRecord newest = Samples.job(expert, t.plusSeconds(2));
      JobRecord otherExpert = Samples.job(Samples.id("expert"), t.plusSeconds(3));
      List.of(middle, oldest, newest, otherExpert).forEach(store()::createJob);
      store().updateJob(middle.finish(JobState.COMPLETED, t.plusSeconds(9), Optional.empty()));

      assertThat(store().jobs(byExpert(expert, Optional.empty(), 50, 0)))
          .extracting(JobRecord::id)
          .containsExactly(newest.id(), middle.id(), oldest.id());
      assertThat(store().jobs(byExpert(expert, Optional.of(JobState.RUNNING), 50, 0)))
          .extracting(JobRecord::id)
          .containsExactly(newest.id(), oldest.id());
      assertThat(store().jobs(byExpert(expert, Optional.of(JobState.COMPLETED), 50, 0)))
          .extracting(JobRecord::id)
          .containsExactly(middle.id());
    }

    @Test
    void pagesWithLimitAndOffset() {
      String expert = Samples.id("expert");
      Instant t = Instant.parse("2030-02-01T00:00:00Z");
      List<String> newestFirst = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        JobRecord job = Samples.job(expert, t.plusSeconds(i));
        store().createJob(job);
        newestFirst.add(0, job.id());
      }

      assertThat(store().jobs(byExpert(expert, Optional.empty(), 3, 0)))
          .extracting(JobRecord::id)
          .containsExactlyElementsOf(newestFirst.subList(0, 3));
      assertThat(store().jobs(byExpert(expert, Optional.empty(), 3, 3)))
          .extracting(JobRecord::id)
          .containsExactlyElementsOf(newestFirst.subList(3, 6));
      assertThat(store().jobs(byExpert(expert, Optional.empty(), 3, 6)))
          .extracting(JobRecord::id)
          .containsExactly(newestFirst.get(6));
    }

    @Test
    void theLatestJobIsTheNewestOfAll() {
      Instant after =
          store()
              .latestJob()
              .map(JobRecord::createdAt)
              .orElse(Instant.now().truncatedTo(ChronoUnit.MICROS))
              .plusSeconds(1);
      JobRecord older = Samples.job(Samples.EXPERT, after);
      JobRecord newer = Samples.job(Samples.EXPERT, after.plusSeconds(1));
      store().createJob(newer);
      store().createJob(older);

      assertThat(store().latestJob()).contains(newer);
    }

    private JobQuery byExpert(String expert, Optional<JobState> state, int limit, int offset) {
      return new JobQuery(state, Optional.of(expert), limit, offset);
    }
  }

  @Nested
  class Events {
    @Test
    void areNumberedFromOnePerJobAndReadBackInOrder() {
      JobRecord a = createdJob();
      JobRecord b = createdJob();
      for (int i = 1; i <= 5; i++) {
        assertThat(store().appendEvent(a.id(), Samples.stderr(a.id(), i)).sequence()).isEqualTo(i);
      }
      assertThat(store().appendEvent(b.id(), Samples.stderr(b.id(), 1)).sequence()).isEqualTo(1);

      assertThat(store().events(a.id(), 0, 100))
          .extracting(StoredEvent::sequence)
          .containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(store().events(a.id(), 2, 2))
          .extracting(StoredEvent::sequence)
          .containsExactly(3L, 4L);
      assertThat(store().events(a.id(), 5, 10)).isEmpty();
      assertThat(store().events(Samples.id("nope"), 0, 10)).isEmpty();
    }

    @Test
    void keepTheirJsonExactlyAsPerstackPrintsIt() throws Exception {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 6, true);
      List<PerstackEvent> sent = new ArrayList<>(run.events);
      sent.add(Samples.stderr(job.id(), 99));

      List<StoredEvent> appended =
          sent.stream().map(e -> store().appendEvent(job.id(), e)).toList();
      List<StoredEvent> read = store().events(job.id(), 0, 500);

      assertThat(read).containsExactlyElementsOf(appended);
      for (int i = 0; i < sent.size(); i++) {
        PerstackEvent event = sent.get(i);
        StoredEvent stored = read.get(i);
        assertThat(stored.json()).isEqualTo(CODEC.encodeEvent(event));
        assertThat(stored.type()).isEqualTo(event.type());
        assertThat(stored.timestamp()).isEqualTo(event.timestamp());
        assertThat(CODEC.decodeEvent(stored.json())).isEqualTo(event);
      }
    }

    @Test
    void ofAnotherJobAreRefused() {
      JobRecord job = createdJob();

      assertThatThrownBy(() -> store().appendEvent(job.id(), Samples.stderr("other-job", 1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("other-job");
      assertThat(store().events(job.id(), 0, 10)).isEmpty();
    }

    @Test
    void toAnUnknownJobFail() {
      String jobId = Samples.id("nope");

      assertThatThrownBy(() -> store().appendEvent(jobId, Samples.stderr(jobId, 1)))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("no job " + jobId);
    }

    @Test
    void appendedConcurrentlyGetUniqueGapFreeSequences() throws Exception {
      JobRecord job = createdJob();
      int threads = 8;
      int perThread = 500;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Callable<List<Long>>> writers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
          writers.add(
              () -> {
                List<Long> got = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                  got.add(store().appendEvent(job.id(), Samples.stderr(job.id(), i)).sequence());
                }
                return got;
              });
        }
        List<Long> sequences = new ArrayList<>();
        for (Future<List<Long>> done : pool.invokeAll(writers)) {
          sequences.addAll(done.get());
        }

        long total = (long) threads * perThread;
        assertThat(sequences).doesNotHaveDuplicates().hasSize((int) total);
        assertThat(sequences)
            .containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(store().events(job.id(), total - 1, 10))
            .extracting(StoredEvent::sequence)
            .containsExactly(total);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class Exchanges {
    @Test
    void readBackInTheOrderTheyWereRecorded() {
      JobRecord job = createdJob();
      ModelExchange priced = Samples.exchange(job.id(), 1, OptionalDouble.of(0.0125));
      ModelExchange unpriced = Samples.exchange(job.id(), 2, OptionalDouble.empty());
      store().recordExchange(priced);
      store().recordExchange(unpriced);

      assertThat(store().exchanges(job.id())).containsExactly(priced, unpriced);
      assertThat(store().exchanges(Samples.id("nope"))).isEmpty();
    }

    @Test
    void ofAnUnknownJobCannotBeRecorded() {
      ModelExchange orphan = Samples.exchange(Samples.id("nope"), 1, OptionalDouble.empty());

      assertThatThrownBy(() -> store().recordExchange(orphan))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("no job");
    }
  }

  @Nested
  class Writers {
    @Test
    void storeNothingVisibleUntilTheCommitThenEverythingInOrder() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      List<JobReport> first = run.reports.subList(0, 4);
      List<JobReport> rest = run.reports.subList(4, run.reports.size());

      List<StoredEvent> stored = new ArrayList<>();
      try (ReportWriter writer = store().writer(job.id())) {
        first.forEach(writer::add);
        assertThat(store().events(job.id(), 0, 100)).as("before the commit").isEmpty();
        stored.addAll(writer.commit());
        rest.forEach(writer::add);
        stored.addAll(writer.commit());
      }

      assertThat(stored)
          .extracting(StoredEvent::sequence)
          .containsExactly(
              LongStream.rangeClosed(1, run.events.size()).boxed().toArray(Long[]::new));
      assertThat(store().events(job.id(), 0, 100)).isEqualTo(stored);
      assertThat(store().latestCheckpoint(job.id())).contains(run.checkpoints.get(2));
      assertThat(store().exchanges(job.id())).containsExactlyElementsOf(run.exchanges);
      assertThat(storedMessages(job.id())).isEqualTo(run.messageCount());
    }

    @Test
    void closedWithoutACommitStoreNothingAndLetTheJobBeWrittenAgain() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 2, false);

      try (ReportWriter writer = store().writer(job.id())) {
        run.reports.forEach(writer::add);
      }

      assertThat(store().events(job.id(), 0, 100)).isEmpty();
      assertThat(store().checkpoints(job.id())).isEmpty();
      assertThat(store().appendEvent(job.id(), Samples.stderr(job.id(), 1)).sequence())
          .isEqualTo(1);
    }

    @Test
    void refuseAReportOfAnotherJob() {
      JobRecord job = createdJob();
      JobRecord other = createdJob();

      try (ReportWriter writer = store().writer(job.id())) {
        assertThatThrownBy(
                () -> writer.add(new JobReport.EventReport(Samples.stderr(other.id(), 1))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("belongs to job " + other.id() + ", not " + job.id());
        assertThat(writer.commit()).isEmpty();
      }
      assertThat(store().events(other.id(), 0, 10)).isEmpty();
    }

    @Test
    void thatFailDropEverythingSinceTheLastCommitAndCanBeUsedAgain() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      store().putCheckpoint(run.checkpoints.get(0));

      try (ReportWriter writer = store().writer(job.id())) {
        assertThatThrownBy(
                () -> {
                  run.reports.subList(0, 6).forEach(writer::add);
                  writer.add(new JobReport.CheckpointReport(run.checkpoints.get(0)));
                  writer.commit();
                })
            .isInstanceOf(JobStoreException.class)
            .hasMessageContaining("stored already");
        assertThat(store().events(job.id(), 0, 100)).isEmpty();

        run.reports.subList(0, 6).forEach(writer::add);
        assertThat(writer.commit()).isNotEmpty();
      }
      assertThat(store().events(job.id(), 0, 100)).isNotEmpty();
    }
  }

  @Nested
  class Batches {
    @Test
    void areStoredInOrderWithTheirEventsNumberedAndEveryRecordReadableAfter() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);

      List<StoredEvent> stored = store().store(job.id(), run.reports);

      assertThat(stored)
          .extracting(StoredEvent::sequence)
          .containsExactly(
              LongStream.rangeClosed(1, run.events.size()).boxed().toArray(Long[]::new));
      assertThat(stored)
          .extracting(StoredEvent::json)
          .containsExactlyElementsOf(run.events.stream().map(CODEC::encodeEvent).toList());
      assertThat(store().events(job.id(), 0, 100)).isEqualTo(stored);
      assertThat(store().checkpoints(job.id()))
          .extracting(c -> c.id())
          .containsExactlyElementsOf(run.checkpoints.stream().map(c -> c.id()).toList());
      assertThat(store().latestCheckpoint(job.id())).contains(run.checkpoints.get(2));
      assertThat(store().exchanges(job.id())).containsExactlyElementsOf(run.exchanges);
      // The exchanges' conversations are the run's: no message is kept twice.
      assertThat(storedMessages(job.id())).isEqualTo(run.messageCount());
    }

    @Test
    void withAReportOfAnotherJobStoreNothing() {
      JobRecord job = createdJob();
      JobRecord other = createdJob();
      List<JobReport> mixed =
          List.of(
              new JobReport.EventReport(Samples.stderr(job.id(), 1)),
              new JobReport.EventReport(Samples.stderr(other.id(), 2)));

      assertThatThrownBy(() -> store().store(job.id(), mixed))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("belongs to job " + other.id() + ", not " + job.id());
      assertThat(store().events(job.id(), 0, 10)).isEmpty();
      assertThat(store().events(other.id(), 0, 10)).isEmpty();
    }

    @Test
    void thatFailPartWayStoreNothingOfThemAndLeaveTheJobAsItWas() {
      JobRecord job = createdJob();
      SampleRun run = new SampleRun(job.id(), 3, false);
      store().putCheckpoint(run.checkpoints.get(0));
      long messages = storedMessages(job.id());
      // The same checkpoint again, after new events and an exchange: the batch is refused whole.
      List<JobReport> batch = new ArrayList<>(run.reports.subList(0, 6));
      batch.add(new JobReport.CheckpointReport(run.checkpoints.get(0)));

      assertThatThrownBy(() -> store().store(job.id(), batch))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("checkpoint " + run.checkpoints.get(0).id())
          .hasMessageContaining("stored already");
      assertThat(store().events(job.id(), 0, 100)).isEmpty();
      assertThat(store().exchanges(job.id())).isEmpty();
      assertThat(store().checkpoints(job.id())).hasSize(1);
      assertThat(storedMessages(job.id())).isEqualTo(messages);

      List<StoredEvent> stored = store().store(job.id(), run.reports.subList(0, 6));
      assertThat(stored.get(0).sequence()).isEqualTo(1);
    }

    @Test
    void thatAreEmptyStoreNothing() {
      JobRecord job = createdJob();

      assertThat(store().store(job.id(), List.of())).isEmpty();
      assertThat(store().events(job.id(), 0, 10)).isEmpty();
    }
  }
}

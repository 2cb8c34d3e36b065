package dev.perstack.controlplane.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.controlplane.jobs.JobReport;
import dev.perstack.controlplane.jobs.ReportWriter;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.store.JobStoreException;
import dev.perstack.protocol.checkpoint.Checkpoint;
import dev.perstack.protocol.event.PerstackEvent;
import dev.perstack.protocol.event.SkillStderr;
import dev.perstack.testsupport.protocol.SampleCheckpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OrderedReportsTest {
  /** For a write that must not fail. */
  private static final Consumer<RuntimeException> NOT_EXPECTED =
      failure -> {
        throw new AssertionError("storing failed", failure);
      };

  /** Without a linger: each write takes what queued up while the previous one ran. */
  private static OrderedReports reports(Store store, int capacity) {
    return new OrderedReports(store, (batch, events) -> {}, "job-o", capacity, Duration.ZERO);
  }

  private static PerstackEvent event(int n) {
    return new SkillStderr("e-" + n, 1L, "job-o", "run-1", "skill", "line " + n);
  }

  private static Checkpoint checkpoint(String id) {
    return SampleCheckpoints.proceeding(id, "job-o", "expert", 1, List.of());
  }

  private static String id(JobReport report) {
    return report instanceof JobReport.CheckpointReport c
        ? c.checkpoint().id()
        : ((JobReport.EventReport) report).event().id();
  }

  /**
   * A store that keeps event ids and its batches, can be held at its commits, and fails a chosen
   * event's batch.
   */
  private static final class Store implements ReportWriter {
    final List<String> stored = new CopyOnWriteArrayList<>();
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    final List<String> added = new ArrayList<>();
    final CountDownLatch open = new CountDownLatch(1);
    final CountDownLatch entered = new CountDownLatch(1);
    volatile String failOn = "";

    @Override
    public void add(JobReport report) {
      added.add(id(report));
    }

    @Override
    public List<StoredEvent> commit() {
      entered.countDown();
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      List<String> ids = List.copyOf(added);
      added.clear();
      if (ids.contains(failOn)) {
        // All or none, as the job stores do.
        throw new JobStoreException("the database went away while storing " + failOn);
      }
      batches.add(ids);
      stored.addAll(ids);
      return List.of();
    }

    @Override
    public void close() {
      added.clear();
    }
  }

  @Nested
  class Storing {
    @Test
    void keepsTheOrderReportsArrivedInAndDrainWaitsForAllOfThem() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        for (int i = 1; i <= 50; i++) {
          reports.event(event(i));
        }
        store.open.countDown();
        reports.drain();

        assertThat(store.stored).hasSize(50).startsWith("e-1", "e-2").endsWith("e-50");
      }
    }

    @Test
    void theReaderGoesOnWhileTheStoreWrites() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        reports.event(event(1));
        reports.event(event(2));

        assertThat(store.stored).isEmpty();
        store.open.countDown();
        reports.drain();
        assertThat(store.stored).containsExactly("e-1", "e-2");
      }
    }

    @Test
    void whatQueuedUpWhileTheStoreWasBusyIsStoredInOneWrite() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        reports.event(event(1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 2; i <= 5; i++) {
          reports.event(event(i));
        }
        store.open.countDown();
        reports.drain();

        assertThat(store.batches)
            .containsExactly(List.of("e-1"), List.of("e-2", "e-3", "e-4", "e-5"));
      }
    }

    @Test
    void aCheckpointEndsItsWriteSoThatTheModelCallWaitsForNothingAfterIt() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        reports.event(event(1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        reports.event(event(2));
        reports.checkpoint(checkpoint("cp-3"));
        reports.event(event(4));
        reports.event(event(5));
        store.open.countDown();
        reports.drain();

        assertThat(store.batches)
            .containsExactly(List.of("e-1"), List.of("e-2", "cp-3"), List.of("e-4", "e-5"));
      }
    }

    @Test
    void aWriteTakesAtMostMaxBatchReports() throws Exception {
      Store store = new Store();
      int total = OrderedReports.MAX_BATCH + 10;
      try (OrderedReports reports = reports(store, total + 1)) {
        reports.event(event(0));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= total; i++) {
          reports.event(event(i));
        }
        store.open.countDown();
        reports.drain();

        assertThat(store.batches)
            .extracting(List::size)
            .containsExactly(1, OrderedReports.MAX_BATCH, 10);
      }
    }

    @Test
    void aFullQueuePushesBackOnTheReader() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 2)) {
        // One report is taken by the held store, two wait; the fourth must wait for room.
        reports.event(event(1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        reports.event(event(2));
        reports.event(event(3));
        CompletableFuture<Void> fourth = CompletableFuture.runAsync(() -> reports.event(event(4)));

        assertThatThrownBy(() -> fourth.get(300, TimeUnit.MILLISECONDS))
            .isInstanceOf(TimeoutException.class);
        store.open.countDown();
        fourth.get(5, TimeUnit.SECONDS);
        reports.drain();
        assertThat(store.stored).containsExactly("e-1", "e-2", "e-3", "e-4");
      }
    }
  }

  @Nested
  class Lingering {
    @Test
    void eventsWaitForTheCheckpointThatFollowsThemAndShareItsWrite() throws Exception {
      Store store = new Store();
      store.open.countDown();
      try (OrderedReports reports =
          new OrderedReports(store, (batch, events) -> {}, "job-o", 64, Duration.ofSeconds(30))) {
        reports.event(event(1));
        reports.event(event(2));
        Thread.sleep(50); // the writer has taken e-1 and lingers
        reports.checkpoint(checkpoint("cp-3"));
        reports.event(event(4));
        reports.event(event(5));
        reports.checkpoint(checkpoint("cp-6"));
        reports.drain();

        assertThat(store.batches)
            .containsExactly(List.of("e-1", "e-2", "cp-3"), List.of("e-4", "e-5", "cp-6"));
      }
    }

    @Test
    void eventsWithNothingAfterThemAreWrittenOnceTheLingerIsOver() throws Exception {
      Store store = new Store();
      store.open.countDown();
      try (OrderedReports reports =
          new OrderedReports(store, (batch, events) -> {}, "job-o", 64, Duration.ofMillis(20))) {
        reports.event(event(1));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.stored.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(store.stored)
            .as("stored without a checkpoint or a drain")
            .containsExactly("e-1");
      }
    }

    @Test
    void drainAndCloseDoNotWaitForTheLinger() throws Exception {
      Store store = new Store();
      store.open.countDown();
      OrderedReports reports =
          new OrderedReports(store, (batch, events) -> {}, "job-o", 64, Duration.ofHours(1));
      reports.event(event(1));

      CompletableFuture.runAsync(
              () -> {
                try {
                  reports.drain();
                  reports.event(event(2));
                  reports.close();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              })
          .get(10, TimeUnit.SECONDS);
      assertThat(store.batches).containsExactly(List.of("e-1"), List.of("e-2"));
    }
  }

  @Nested
  class FromOutsideTheSession {
    @Test
    void anOfferedReportTakesItsPlaceInLine() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        reports.event(event(1));
        boolean queued = reports.offer(new JobReport.EventReport(event(2)));
        reports.event(event(3));
        store.open.countDown();
        reports.drain();

        assertThat(queued).isTrue();
        assertThat(store.stored).containsExactly("e-1", "e-2", "e-3");
      }
    }

    @Test
    void isRefusedOnceTheQueueIsClosedSoThatTheCallerStoresIt() throws Exception {
      Store store = new Store();
      store.open.countDown();
      OrderedReports reports = reports(store, 64);
      reports.event(event(1));
      reports.close();

      assertThat(reports.offer(new JobReport.EventReport(event(2)))).isFalse();
      assertThat(store.stored).containsExactly("e-1");
    }
  }

  @Nested
  class AfterStoring {
    @Test
    void whatWaitsRunsOnceTheCheckpointsBeforeItAreStoredWithoutBlockingTheCaller()
        throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        reports.event(event(1));
        reports.checkpoint(checkpoint("cp-1"));
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        reports.whenStored(() -> seen.complete(List.copyOf(store.stored)), NOT_EXPECTED);
        reports.event(event(3));

        assertThat(seen).isNotDone();
        store.open.countDown();
        assertThat(seen.get(5, TimeUnit.SECONDS)).containsSubsequence("e-1", "cp-1");
        reports.drain();
        assertThat(store.stored).containsExactly("e-1", "cp-1", "e-3");
      }
    }

    @Test
    void doesNotWaitForEventsReportedAfterTheLastCheckpoint() throws Exception {
      Store store = new Store();
      store.open.countDown();
      try (OrderedReports reports = reports(store, 64)) {
        reports.checkpoint(checkpoint("cp-1"));
        reports.drain();
        Store held = store;
        reports.event(event(2));
        List<String> seen = new CopyOnWriteArrayList<>();

        reports.whenStored(() -> seen.add("ran"), NOT_EXPECTED);

        assertThat(seen).as("ran on the caller's thread, at once").containsExactly("ran");
        reports.drain();
        assertThat(held.stored).containsExactly("cp-1", "e-2");
      }
    }

    @Test
    void runsTheFailureInsteadWhenStoringTheCheckpointFailedAndThrowsItAtTheNextReport()
        throws Exception {
      Store store = new Store();
      store.failOn = "cp-1";
      try (OrderedReports reports = reports(store, 64)) {
        reports.checkpoint(checkpoint("cp-1"));
        CompletableFuture<RuntimeException> failed = new CompletableFuture<>();
        AtomicBoolean ran = new AtomicBoolean();
        reports.whenStored(() -> ran.set(true), failed::complete);
        store.open.countDown();

        assertThat(failed.get(5, TimeUnit.SECONDS))
            .isInstanceOf(JobStoreException.class)
            .hasMessageContaining("while storing cp-1");
        assertThat(ran).isFalse();
        assertThatThrownBy(() -> reports.event(event(2))).isInstanceOf(JobStoreException.class);
      }
    }

    @Test
    void runsWhatWaitedBeforeTheWriteIsPublished() throws Exception {
      Store store = new Store();
      List<String> order = new CopyOnWriteArrayList<>();
      try (OrderedReports reports =
          new OrderedReports(
              store,
              (batch, events) -> order.add("published"),
              "job-o",
              64,
              Duration.ofMillis(10))) {
        reports.checkpoint(checkpoint("cp-1"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        reports.whenStored(() -> order.add("model called"), failure -> order.add("failed"));
        store.open.countDown();
        reports.drain();

        assertThat(order).containsExactly("model called", "published");
      }
    }
  }

  @Nested
  class Failing {
    @Test
    void theFirstFailureStopsStoringAndIsThrownAtTheNextReportAndByDrain() throws Exception {
      Store store = new Store();
      store.failOn = "e-2";
      try (OrderedReports reports = reports(store, 64)) {
        reports.event(event(1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        reports.event(event(2));
        reports.event(event(3));
        store.open.countDown();

        assertThatThrownBy(reports::drain)
            .isInstanceOf(JobStoreException.class)
            .hasMessageContaining("while storing e-2");
        assertThatThrownBy(() -> reports.event(event(4))).isInstanceOf(JobStoreException.class);
        assertThatThrownBy(() -> reports.offer(new JobReport.EventReport(event(5))))
            .isInstanceOf(JobStoreException.class);
        assertThat(store.stored).containsExactly("e-1");
      }
    }

    @Test
    void whatWaitedAndThrewEndsTheSessionWithoutStoppingTheWriter() throws Exception {
      Store store = new Store();
      try (OrderedReports reports = reports(store, 64)) {
        reports.checkpoint(checkpoint("cp-1"));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();
        reports.whenStored(
            () -> {
              throw new IllegalStateException("the job pool is shut down");
            },
            NOT_EXPECTED);
        reports.event(event(2));
        store.open.countDown();

        assertThatThrownBy(reports::drain)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the job pool is shut down");
        assertThat(store.stored).containsExactly("cp-1");
      }
    }
  }
}

package dev.perstack.agent.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perstack.agent.skill.SkillException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StartOnceTest {
  private final StartOnce<String> once = new StartOnce<>("fs");
  private final AtomicInteger starts = new AtomicInteger();

  @Nested
  class Starting {
    @Test
    void concurrentFirstUsesStartItOnceAndShareIt() throws Exception {
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    return once.get(
                        () -> {
                          // Slow enough that the other threads arrive while it runs.
                          sleepQuietly(20);
                          return "connection-" + starts.incrementAndGet();
                        });
                  }));
        }
        go.countDown();
        for (Future<String> r : results) {
          assertThat(r.get(5, TimeUnit.SECONDS)).isEqualTo("connection-1");
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(starts).hasValue(1);
      assertThat(once.current()).contains("connection-1");
    }

    @Test
    void aFailedStartIsRememberedAndNotTriedAgain() {
      StartOnce.Starter<String> failing =
          () -> {
            starts.incrementAndGet();
            throw new SkillException("fs", "cannot start");
          };

      assertThatThrownBy(() -> once.get(failing)).hasMessageContaining("cannot start");
      assertThatThrownBy(() -> once.get(failing)).hasMessageContaining("cannot start");
      assertThat(starts).hasValue(1);
    }
  }

  @Nested
  class Closing {
    @Test
    void handsBackWhatWasStartedAndRefusesLaterStarts() throws Exception {
      once.get(() -> "connection");

      assertThat(once.close()).contains("connection");
      assertThat(once.isClosed()).isTrue();
      assertThat(once.current()).isEmpty();
      assertThatThrownBy(() -> once.get(() -> "again")).hasMessageContaining("is closed");
    }

    @Test
    void refusingStartsDoesNotWaitAndStopsTheNextStart() {
      once.refuseStarts();

      assertThat(once.isClosed()).isTrue();
      assertThatThrownBy(() -> once.get(() -> "late")).hasMessageContaining("is closed");
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

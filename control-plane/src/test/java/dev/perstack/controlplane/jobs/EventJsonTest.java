package dev.perstack.controlplane.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  @Nested
  class Lazy {
    @Test
    void isNotBuiltBeforeItIsReadAndIsBuiltOnceHoweverManyThreadsRead() throws Exception {
      AtomicInteger builds = new AtomicInteger();
      EventJson json =
          EventJson.lazy(
              () -> {
                builds.incrementAndGet();
                return "{\"type\":\"startRun\"}";
              });
      assertThat(builds).hasValue(0);

      CountDownLatch go = new CountDownLatch(1);
      List<Thread> readers = new ArrayList<>();
      List<String> read = Collections.synchronizedList(new ArrayList<>());
      for (int i = 0; i < 8; i++) {
        Thread reader =
            new Thread(
                () -> {
                  try {
                    go.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  read.add(json.text());
                });
        reader.start();
        readers.add(reader);
      }
      go.countDown();
      for (Thread reader : readers) {
        reader.join();
      }

      assertThat(read).hasSize(8).containsOnly("{\"type\":\"startRun\"}");
      assertThat(builds).hasValue(1);
    }

    @Test
    void equalsJsonBuiltAlreadyWithTheSameText() {
      assertThat(EventJson.lazy(() -> "{}")).isEqualTo(EventJson.of("{}")).hasToString("{}");
      assertThat(new StoredEvent("j", 1, "t", 0, EventJson.lazy(() -> "{}")))
          .isEqualTo(new StoredEvent("j", 1, "t", 0, "{}"));
    }

    @Test
    void aBuildThatMakesNothingFailsWhenRead() {
      EventJson json = EventJson.lazy(() -> null);
      assertThatThrownBy(json::text)
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("built as null");
    }
  }
}

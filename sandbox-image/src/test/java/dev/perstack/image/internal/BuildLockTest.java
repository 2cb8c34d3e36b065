package dev.perstack.image.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildLockTest {
  @Test
  void aSecondBuildWaitsUntilTheFirstReleasesTheLock(@TempDir Path dir) throws Exception {
    BuildLock first = BuildLock.acquire(dir.resolve("cache"));
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(
            () -> {
              try (BuildLock lock = BuildLock.acquire(dir.resolve("cache"))) {
                assertThat(lock).isNotNull();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    boolean waited;
    try {
      second.get(300, TimeUnit.MILLISECONDS);
      waited = false;
    } catch (TimeoutException e) {
      waited = true;
    }
    first.close();
    second.get(5, TimeUnit.SECONDS);

    assertThat(waited).isTrue();
    assertThat(dir.resolve("cache/build.lock")).exists();
  }
}

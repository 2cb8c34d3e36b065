package dev.perstack.controlplane.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows the engine's {@code oom} events for this runtime's containers: the kernel killed a
 * process in a container that reached its memory limit. The container itself may live on (the
 * killer picks the largest process, often the expert's command), so the runtime is told at once. A
 * gap in the stream is covered by the {@code OOMKilled} flag the runtime reads at exit.
 */
final class OomWatch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(OomWatch.class.getName());

  private final DockerClient docker;
  private final String owner;
  private final Map<String, Consumer<String>> watched = new ConcurrentHashMap<>();
  private Stream stream;
  private boolean closed;

  OomWatch(DockerClient docker, String owner) {
    this.docker = docker;
    this.owner = owner;
  }

  /** Calls {@code onOom} with the container id when a process of that container is OOM-killed. */
  void watch(String containerId, Consumer<String> onOom) {
    watched.put(containerId, onOom);
    follow(null);
  }

  void forget(String containerId) {
    watched.remove(containerId);
  }

  /** Starts following unless a stream other than {@code ended} is already live. */
  private synchronized void follow(Stream ended) {
    if (closed || (stream != null && stream != ended)) {
      return;
    }
    stream = null;
    if (ended != null && watched.isEmpty()) {
      return;
    }
    Stream next = new Stream();
    stream = next;
    docker
        .eventsCmd()
        .withEventTypeFilter("container")
        .withEventFilter("oom")
        .withLabelFilter(
            Map.of(ContainerSpec.LABEL_MANAGED, "true", ContainerSpec.LABEL_OWNER, owner))
        .exec(next);
  }

  @Override
  public synchronized void close() {
    closed = true;
    Stream current = stream;
    stream = null;
    if (current != null) {
      try {
        current.close();
      } catch (IOException ignored) {
        // Only stops following.
      }
    }
  }

  private final class Stream extends ResultCallback.Adapter<Event> {
    @Override
    public void onNext(Event event) {
      Consumer<String> handler = watched.get(String.valueOf(event.getId()));
      if (handler != null) {
        handler.accept(event.getId());
      }
    }

    @Override
    public void onError(Throwable error) {
      LOG.log(Level.FINE, "the engine's event stream ended; following again in 1 s", error);
      again();
    }

    @Override
    public void onComplete() {
      again();
    }

    private void again() {
      CompletableFuture.runAsync(
          () -> follow(this), CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS));
    }
  }
}

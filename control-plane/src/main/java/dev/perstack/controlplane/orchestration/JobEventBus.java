package dev.perstack.controlplane.orchestration;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.StoredEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans a job's stored events out to live subscribers (the CLI, SSE clients). Subscribers get events
 * after they were stored, in sequence order, and a last call when the job ends.
 */
public final class JobEventBus {

  /** Someone following a job. Called on the job's thread: return quickly. */
  public interface Subscriber {
    void event(StoredEvent event);

    void finished(JobRecord job);
  }

  private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();

  /** Follows {@code jobId}; returns a handle that stops following. */
  public AutoCloseable subscribe(String jobId, Subscriber subscriber) {
    subscribers.computeIfAbsent(jobId, k -> new CopyOnWriteArrayList<>()).add(subscriber);
    return () -> {
      List<Subscriber> list = subscribers.get(jobId);
      if (list != null) {
        list.remove(subscriber);
      }
    };
  }

  void publish(StoredEvent event) {
    for (Subscriber s : subscribers.getOrDefault(event.jobId(), List.of())) {
      s.event(event);
    }
  }

  void finish(JobRecord job) {
    List<Subscriber> list = subscribers.remove(job.id());
    if (list != null) {
      list.forEach(s -> s.finished(job));
    }
  }
}

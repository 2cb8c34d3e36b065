package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.jobs.StoredEvent;
import dev.perstack.controlplane.orchestration.JobEventBus;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import java.util.Optional;

/**
 * A job's events as Server-Sent Events: the stored history after {@code Last-Event-ID} (the
 * sequence number), then live events until the job ends with a final {@code end} event.
 */
@Path("/api/jobs/{id}/events")
public class EventsResource {
  private static final int PAGE = 500;

  private final JobStore store;
  private final JobEventBus bus;

  EventsResource(JobStore store, JobEventBus bus) {
    this.store = store;
    this.bus = bus;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void stream(
      @PathParam("id") String jobId,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    Optional<JobRecord> job = store.job(jobId);
    if (job.isEmpty()) {
      sink.send(
          sse.newEventBuilder().name("error").data("job " + jobId + " does not exist").build());
      sink.close();
      return;
    }
    long after = parse(lastEventId);
    SseFollower follower = new SseFollower(sink, sse, after);
    // Subscribe first, then replay: an event stored in between is sent once (by sequence).
    AutoCloseable subscription = bus.subscribe(jobId, follower);
    follower.onClose(subscription);
    long cursor = after;
    while (true) {
      List<StoredEvent> page = store.events(jobId, cursor, PAGE);
      page.forEach(follower::replay);
      if (page.size() < PAGE) {
        break;
      }
      cursor = page.get(page.size() - 1).sequence();
    }
    follower.replayDone();
    store.job(jobId).filter(j -> j.state().finished()).ifPresent(follower::finished);
  }

  private static long parse(String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Long.parseLong(lastEventId.strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}

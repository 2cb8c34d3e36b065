package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobStore;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/audit}: which lock, definitions and image each job ran, when, for whom. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  private static final int MAX_LIMIT = 500;

  private final JobStore store;

  AuditResource(JobStore store) {
    this.store = store;
  }

  /**
   * Newest first.
   *
   * @param locked {@code true}: only jobs that ran under a lock; {@code false}: only unlocked ones
   */
  @GET
  public Response list(
      @QueryParam("expert") String expert,
      @QueryParam("locked") Boolean locked,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    List<String> errors = new ArrayList<>();
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add("`limit` must be within 1.." + MAX_LIMIT + ", got " + limit);
    }
    if (offset < 0) {
      errors.add("`offset` must not be negative, got " + offset);
    }
    if (!errors.isEmpty()) {
      return Problem.badRequest("the audit query is invalid", errors);
    }
    List<AuditEntry> entries =
        store
            .jobs(new JobQuery(Optional.empty(), Optional.ofNullable(expert), limit, offset))
            .stream()
            .filter(job -> locked == null || job.lockDigest().isPresent() == locked)
            .map(AuditEntry::of)
            .toList();
    return Response.ok(entries).build();
  }
}

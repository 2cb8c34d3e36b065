package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobQuery;
import dev.perstack.controlplane.jobs.JobRecord;
import dev.perstack.controlplane.jobs.JobState;
import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.controlplane.orchestration.JobHandle;
import dev.perstack.controlplane.orchestration.JobOrchestrator;
import dev.perstack.controlplane.orchestration.JobRejectedException;
import dev.perstack.controlplane.orchestration.JobRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Submit, list, read, continue and cancel jobs. */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class JobsResource {
  private final JobOrchestrator orchestrator;
  private final JobStore store;
  private final boolean lockRequired;
  private final String submitter;

  JobsResource(
      JobOrchestrator orchestrator,
      JobStore store,
      ApiToken token,
      @ConfigProperty(name = "perstack.lock.required", defaultValue = "false")
          boolean lockRequired) {
    this.orchestrator = orchestrator;
    this.store = store;
    this.lockRequired = lockRequired;
    this.submitter = token.fingerprint();
  }

  /** Starts a job; 201 with the job, or 400 saying what is wrong with the request. */
  @POST
  public Response submit(SubmitBody body) {
    List<String> errors = new ArrayList<>();
    if (body == null) {
      return Problem.badRequest(
          "the body must be a JSON object",
          List.of("send {\"expert\": \"...\", \"query\": \"...\"}"));
    }
    if (body.expert() == null || body.expert().isBlank()) {
      errors.add("`expert` is missing: name the expert to run, as keyed in perstack.toml");
    }
    if (body.query() == null || body.query().isBlank()) {
      errors.add("`query` is missing: say what the expert should do");
    }
    return paths(body, errors)
        .map(
            p ->
                start(
                    new JobRequest(
                        p[0],
                        String.valueOf(body.expert()),
                        Optional.ofNullable(body.query()),
                        p[1],
                        Optional.ofNullable(body.runtime()),
                        Optional.ofNullable(body.model()),
                        Optional.ofNullable(body.maxSteps()),
                        Optional.empty(),
                        Optional.empty(),
                        false,
                        submitter,
                        Boolean.TRUE.equals(body.locked())),
                    errors))
        .orElseGet(() -> Problem.badRequest("the job request is invalid", errors));
  }

  @GET
  public Response list(
      @QueryParam("state") String state,
      @QueryParam("expert") String expert,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    Optional<JobState> wanted = Optional.ofNullable(state).flatMap(JobState::fromWireName);
    if (state != null && wanted.isEmpty()) {
      return Problem.badRequest(
          "unknown state " + state,
          List.of(
              "use running, completed, stoppedByMaxSteps, stoppedByInteractiveTool or stoppedByError"));
    }
    if (limit < 1 || limit > JobQuery.MAX_LIMIT || offset < 0) {
      return Problem.badRequest(
          "bad paging", List.of("limit is 1.." + JobQuery.MAX_LIMIT + " and offset >= 0"));
    }
    List<JobView> jobs =
        store.jobs(new JobQuery(wanted, Optional.ofNullable(expert), limit, offset)).stream()
            .map(JobView::of)
            .toList();
    return Response.ok(jobs).build();
  }

  @GET
  @Path("{id}")
  public Response get(@PathParam("id") String id) {
    return store
        .job(id)
        .map(j -> Response.ok(JobView.of(j)).build())
        .orElseGet(() -> Problem.notFound("job " + id + " does not exist"));
  }

  /** Continues a finished job from its latest (or a given) checkpoint, in a fresh sandbox. */
  @POST
  @Path("{id}/continue")
  public Response continueJob(@PathParam("id") String id, SubmitBody body) {
    Optional<JobRecord> job = store.job(id);
    if (job.isEmpty()) {
      return Problem.notFound("job " + id + " does not exist");
    }
    List<String> errors = new ArrayList<>();
    if (body == null || body.query() == null || body.query().isBlank()) {
      return Problem.badRequest(
          "`query` is missing",
          List.of(
              "send {\"query\": \"...\"} (with \"interactive\": true to answer a pending interactive tool)"));
    }
    SubmitBody filled = body.config() == null ? withConfig(body, job.get().configPath()) : body;
    return paths(filled, errors)
        .map(
            p ->
                start(
                    new JobRequest(
                        p[0],
                        job.get().expertKey(),
                        Optional.of(body.query()),
                        p[1],
                        Optional.ofNullable(body.runtime()),
                        Optional.ofNullable(body.model()),
                        Optional.ofNullable(body.maxSteps()),
                        Optional.of(id),
                        Optional.ofNullable(body.resumeFrom()),
                        Boolean.TRUE.equals(body.interactive()),
                        submitter,
                        Boolean.TRUE.equals(body.locked())),
                    errors))
        .orElseGet(() -> Problem.badRequest("the continue request is invalid", errors));
  }

  @POST
  @Path("{id}/cancel")
  @Consumes(MediaType.WILDCARD)
  public Response cancel(@PathParam("id") String id) {
    if (store.job(id).isEmpty()) {
      return Problem.notFound("job " + id + " does not exist");
    }
    return orchestrator.cancel(id, "cancelled through the API")
        ? Response.accepted(JobView.of(store.job(id).orElseThrow())).build()
        : Problem.response(409, "Conflict", "job " + id + " is not running here", List.of());
  }

  private Response start(JobRequest request, List<String> errors) {
    try {
      // A production server (perstack.lock.required) refuses every job without a current lock.
      JobHandle handle = orchestrator.submit(request.withLocked(lockRequired || request.locked()));
      return Response.status(201).entity(JobView.of(handle.record())).build();
    } catch (JobRejectedException e) {
      int status =
          switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case STORE_UNAVAILABLE -> 503;
            case LOCK_REFUSED -> 409;
            default -> 400;
          };
      return Problem.response(
          status, "Job refused", "the job was not started; nothing was stored", e.reasons());
    }
  }

  /** The config and workspace paths, both inside the workspace root; errors otherwise. */
  private static Optional<java.nio.file.Path[]> paths(SubmitBody body, List<String> errors) {
    Optional<java.nio.file.Path> config =
        WorkspaceRoot.resolve(body.config() == null ? "perstack.toml" : body.config());
    Optional<java.nio.file.Path> workspace =
        WorkspaceRoot.resolve(body.workspace() == null ? "." : body.workspace());
    if (config.isEmpty()) {
      errors.add(
          "`config` leaves the server's workspace root "
              + WorkspaceRoot.root()
              + "; give a path inside it");
    } else if (!java.nio.file.Files.isRegularFile(config.get())) {
      errors.add(
          "`config` "
              + config.get()
              + " does not exist; give the path of perstack.toml relative to "
              + WorkspaceRoot.root());
    }
    if (workspace.isEmpty()) {
      errors.add(
          "`workspace` leaves the server's workspace root "
              + WorkspaceRoot.root()
              + "; give a path inside it");
    } else if (!java.nio.file.Files.isDirectory(workspace.get())) {
      errors.add("`workspace` " + workspace.get() + " is not a directory; create it first");
    }
    if (!errors.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new java.nio.file.Path[] {config.get(), workspace.get()});
  }

  private static SubmitBody withConfig(SubmitBody body, String configPath) {
    String relative = WorkspaceRoot.root().relativize(java.nio.file.Path.of(configPath)).toString();
    return new SubmitBody(
        body.expert(),
        body.query(),
        relative,
        body.workspace(),
        body.runtime(),
        body.model(),
        body.maxSteps(),
        body.interactive(),
        body.resumeFrom(),
        body.locked());
  }
}

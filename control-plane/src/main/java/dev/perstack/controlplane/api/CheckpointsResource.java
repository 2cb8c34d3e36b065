package dev.perstack.controlplane.api;

import dev.perstack.controlplane.jobs.JobStore;
import dev.perstack.protocol.codec.ProtocolCodec;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A job's checkpoints: the list, and each one materialised in Perstack's full shape. */
@Path("/api/jobs/{id}/checkpoints")
@Produces(MediaType.APPLICATION_JSON)
public class CheckpointsResource {
  private static final ProtocolCodec CODEC = ProtocolCodec.create();

  private final JobStore store;

  CheckpointsResource(JobStore store) {
    this.store = store;
  }

  @GET
  public Response list(@PathParam("id") String jobId) {
    if (store.job(jobId).isEmpty()) {
      return Problem.notFound("job " + jobId + " does not exist");
    }
    return Response.ok(store.checkpoints(jobId)).build();
  }

  @GET
  @Path("{checkpointId}")
  public Response get(
      @PathParam("id") String jobId, @PathParam("checkpointId") String checkpointId) {
    return store
        .checkpoint(jobId, checkpointId)
        .map(c -> Response.ok(CODEC.encode(c), MediaType.APPLICATION_JSON).build())
        .orElseGet(() -> Problem.notFound("job " + jobId + " has no checkpoint " + checkpointId));
  }
}

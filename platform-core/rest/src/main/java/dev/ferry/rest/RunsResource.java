package dev.ferry.rest;

import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.RunQuery;
import dev.ferry.platform.api.RunService;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import java.util.List;

/** Run history and live progress (rows done, rows per second). */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final RunService runs;

    RunsResource(RunService runs) {
        this.runs = runs;
    }

    @GET
    public List<JobRun> list(@QueryParam("registration") String registration, @QueryParam("workspace") String workspace,
                             @QueryParam("job") String job, @QueryParam("limit") String limit) {
        return runs.list(new RunQuery(registration, workspace, job, Params.integer("limit", limit, 50)));
    }

    @GET
    @Path("/{id}")
    public JobRun get(@PathParam("id") String id) {
        return runs.get(Params.id("id", id, "a run"));
    }

    /** Asks a running run to stop at its next page: 202 with the run; 409 when it is not running. */
    @POST
    @Path("/{id}/cancel")
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        return Response.accepted(runs.cancel(Params.id("id", id, "a run"), Actors.of(security))).build();
    }
}

package dev.ferry.rest;

import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.RunQuery;
import dev.ferry.platform.api.RunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import java.util.List;

/** Run history and live progress (rows done, rows per second). */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {

    private final RunService runs;

    RunsResource(RunService runs) {
        this.runs = runs;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List job runs, newest first")
    public List<JobRun> list(@QueryParam("registration") String registration, @QueryParam("workspace") String workspace,
                             @QueryParam("job") String job, @QueryParam("limit") String limit,
                             @QueryParam("after") String after) {
        int size = Paging.limit(limit, 50);
        return Paging.fetched(runs.list(new RunQuery(registration, Scope.narrowed(workspace), job, size + 1,
                Paging.numericCursor(after))), size, r -> String.valueOf(r.id()));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a job run and its progress")
    public JobRun get(@PathParam("id") String id) {
        JobRun run = runs.get(Params.id("id", id, "a run"));
        Scope.check(run.workspace());
        return run;
    }

    /** Asks a running run to stop at its next page: 202 with the run; 409 when it is not running. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a running job run", responses = {
            @ApiResponse(responseCode = "202", description = "Asked to stop at its next page",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobRun.class)))})
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        long run = Params.id("id", id, "a run");
        Scope.check(runs.get(run).workspace());
        return Response.accepted(runs.cancel(run, Actors.of(security))).build();
    }
}

package dev.ferry.rest;

import dev.ferry.platform.api.Rollout;
import dev.ferry.platform.api.RolloutPreview;
import dev.ferry.platform.api.RolloutRequest;
import dev.ferry.platform.api.RolloutService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
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
import javax.ws.rs.core.UriInfo;

import java.util.List;

/**
 * Rollouts: a product version moved to all or selected registrations in waves (a canary first, watched, then the
 * rest), halted and rolled back on their own when the canary's runs fail more than before.
 */
@Path("/rollouts")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutsResource {

    private final RolloutService rollouts;

    RolloutsResource(RolloutService rollouts) {
        this.rollouts = rollouts;
    }

    /** What the rollout would do to each registration: {@code {"product","version","registrations":[…]}}; nothing changes. */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Path("/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview a rollout")
    public RolloutPreview preview(RolloutRequest request) {
        return rollouts.preview(request);
    }

    /**
     * Starts a rollout: {@code {"product","version","registrations":[…] (all when left out),"canaryPercent":5,
     * "watch":"10m","maxFailureIncrease":0.2,"reset":false}}; 202 with the rollout to follow at {@code /rollouts/{id}}.
     */
    @RolesAllowed(Roles.MANAGER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a rollout", responses = {
            @ApiResponse(responseCode = "202", description = "Started; Location names the rollout to follow",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Rollout.class)))})
    public Response start(RolloutRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        Rollout rollout = rollouts.start(request, Actors.of(security));
        return Response.accepted(rollout).location(uri.getAbsolutePathBuilder().path(String.valueOf(rollout.id())).build()).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List rollouts")
    public List<Rollout> list(@QueryParam("product") String product, @QueryParam("limit") String limit,
                              @QueryParam("after") String after) {
        return Paging.pageByNumber(rollouts.list(product, Paging.MAX), Rollout::id, true, after, limit, 20);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a rollout")
    public Rollout get(@PathParam("id") String id) {
        return rollouts.get(Params.id("id", id, "a rollout"));
    }
}

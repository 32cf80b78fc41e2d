package dev.ferry.rest;

import dev.ferry.platform.api.ActionQuery;
import dev.ferry.platform.api.ActionService;
import dev.ferry.platform.api.ConnectionCheck;
import dev.ferry.platform.api.InvalidInputException;
import dev.ferry.platform.api.JobRun;
import dev.ferry.platform.api.NewRegistration;
import dev.ferry.platform.api.QueuedAction;
import dev.ferry.platform.api.Registration;
import dev.ferry.platform.api.RegistrationPlan;
import dev.ferry.platform.api.RegistrationService;
import dev.ferry.platform.api.RegistrationUpdate;
import dev.ferry.platform.api.RunService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Request;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;

import java.util.List;
import java.util.Map;

/** Registrations ({@code <workspace>:<product>}), their job runs and their data objects. */
@Path("/registrations")
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationsResource {

    private final RegistrationService registrations;
    private final RunService runs;
    private final ActionService actions;

    RegistrationsResource(RegistrationService registrations, RunService runs, ActionService actions) {
        this.registrations = registrations;
        this.runs = runs;
        this.actions = actions;
    }

    /** What a bulk retry selects: the actions with these ids, or every one of a status (and service). */
    public record RetrySelection(List<Long> ids, String status, String service) {
    }

    /** Actions that need attention: failed, waiting for a retry, dead, or put back. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/actions")
    @Operation(summary = "List actions that need attention")
    public List<QueuedAction> actions(@PathParam("id") String id, @QueryParam("status") String status,
                                      @QueryParam("service") String service, @QueryParam("limit") String limit,
                                      @QueryParam("after") String after) {
        return Paging.pageByNumber(actions.list(id, new ActionQuery(service, status, Paging.MAX)), QueuedAction::id, false,
                after, limit, 100);
    }

    /** Puts one failed or dead action back in the queue; it runs at the service's next run. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/actions/{action}/retry")
    @Operation(summary = "Retry one failed or dead action")
    public Map<String, Object> retry(@PathParam("id") String id, @PathParam("action") String action,
                                     @Context SecurityContext security) {
        long actionId = Params.id("action", action, "an action");
        return Map.of("retried", actions.retry(id, List.of(actionId), new ActionQuery(null, null, 1), Actors.of(security)));
    }

    /** Puts actions back in bulk: {@code {"ids":[…]}} or {@code {"status":"dead","service":"…"}}. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/actions/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Retry actions in bulk")
    public Map<String, Object> retryAll(@PathParam("id") String id, RetrySelection selection,
                                        @Context SecurityContext security) {
        if (selection == null) {
            throw new InvalidInputException("(body)", "a JSON object with ids, or a status (and service), is required");
        }
        List<Long> ids = selection.ids() == null ? List.of() : selection.ids();
        if (ids.isEmpty() && selection.status() == null && selection.service() == null) {
            throw new InvalidInputException("(body)", "name the actions: ids, or a status and/or service to retry all of");
        }
        return Map.of("retried", actions.retry(id, ids, new ActionQuery(selection.service(), selection.status(), 1),
                Actors.of(security)));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List registrations")
    public List<Registration> list(@QueryParam("workspace") String workspace, @QueryParam("limit") String limit,
                                   @QueryParam("after") String after) {
        return Paging.page(registrations.list(Scope.narrowed(workspace)), Registration::id, after, limit, Paging.MAX);
    }

    /**
     * A registration, with its ETag: a client that sends it back in {@code If-None-Match} gets 304 while the
     * registration's definition is unchanged, and one that sends it in {@code If-Match} with a change or removal gets
     * 412 when someone changed the definition since.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Show a registration, with its ETag", responses = {
            @ApiResponse(responseCode = "200", description = "The registration; its ETag in the ETag header",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class))),
            @ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")})
    public Response get(@PathParam("id") String id, @Context Request request) {
        Registration registration = registrations.get(id);
        EntityTag tag = tag(registration);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        return (notModified != null ? notModified : Response.ok(registration)).tag(tag).build();
    }

    /**
     * The ETag of a registration's definition: its version, config, features, jobs and overrides, what a PATCH
     * changes; not its runtime state (running, health, sync), which changes on its own.
     */
    static EntityTag tag(Registration r) {
        try {
            byte[] definition = DEFINITIONS.writeValueAsBytes(java.util.Arrays.asList(r.productVersion(),
                    new java.util.TreeMap<>(r.config()), new java.util.TreeMap<>(r.features()), r.jobs(), r.overrides()));
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(definition);
            return new EntityTag(java.util.HexFormat.of().formatHex(hash, 0, 12));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("a registration always writes as JSON", e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper DEFINITIONS = RestServer.mapper();

    /**
     * The 412 for a change sent with an {@code If-Match} that is not the registration's ETag any more, or null when
     * it may go ahead (it matches, or none was sent).
     */
    private Response changedSince(String id, Request request, HttpHeaders headers) {
        if (headers.getHeaderString(HttpHeaders.IF_MATCH) == null) {
            return null;
        }
        EntityTag current = tag(registrations.get(id));
        if (request.evaluatePreconditions(current) != null) {
            Response refused = ProblemMapper.problem(412, "Precondition failed", "registration " + id + " changed since"
                    + " the ETag sent in If-Match (" + headers.getHeaderString(HttpHeaders.IF_MATCH)
                    + "); it is now \"" + current.getValue() + "\": read it again, then change it",
                    List.of(Map.of("field", "If-Match", "reason", "is not the registration's current ETag")));
            return Response.fromResponse(refused).tag(current).build();
        }
        return null;
    }

    @RolesAllowed(Roles.MANAGER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a product to a workspace", responses = {
            @ApiResponse(responseCode = "201", description = "Registered; Location names it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Registration.class)))})
    public Response register(NewRegistration request, @Context SecurityContext security, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidInputException("(body)", "a JSON object with product, workspace and config is required");
        }
        Scope.check(request.workspace());
        Registration created = registrations.register(request, Actors.of(security));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id()).build()).entity(created).build();
    }

    @RolesAllowed(Roles.MANAGER)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a registration", responses = {
            @ApiResponse(responseCode = "204", description = "Removed"),
            @ApiResponse(responseCode = "412", description = "It changed since the ETag sent in If-Match",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))})
    public Response remove(@PathParam("id") String id, @Context SecurityContext security,
                           @Context Request request, @Context HttpHeaders headers) {
        Response changed = changedSince(id, request, headers);
        if (changed != null) {
            return changed;
        }
        registrations.remove(id, Actors.of(security));
        return Response.noContent().build();
    }

    /**
     * Changes a registration in place: {@code version}, {@code config} (null removes a value), {@code features},
     * {@code onboardingSchedules}, {@code jobs} (cadence or paused), {@code paused}, {@code reset}; an empty object
     * syncs it to its version's definition as it is now. {@code ?preview=true} only answers what it would do.
     */
    @RolesAllowed(Roles.OPERATOR)
    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change a registration in place (or sync it)", responses = {
            @ApiResponse(responseCode = "200", description = "What was done; the new ETag in the ETag header",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegistrationPlan.class))),
            @ApiResponse(responseCode = "412", description = "It changed since the ETag sent in If-Match",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))})
    public Response update(@PathParam("id") String id, @QueryParam("preview") String preview,
                           RegistrationUpdate update, @Context SecurityContext security,
                           @Context Request request, @Context HttpHeaders headers) {
        if (update != null && (update.version() != null || update.features() != null || update.reset() != null
                || update.onboardingSchedules() != null) && !security.isUserInRole(Roles.MANAGER)) {
            throw new javax.ws.rs.WebApplicationException(ProblemMapper.problem(403, "Forbidden", Actors.of(security)
                    + " may change configs, jobs and pauses: changing the version, features, onboarding schedules or"
                    + " reset takes the role manager (or a higher one)", List.of()));
        }
        Response changed = changedSince(id, request, headers);
        if (changed != null) {
            return changed;
        }
        RegistrationPlan plan = registrations.update(id, update, Params.bool("preview", preview, false), Actors.of(security));
        return Response.ok(plan).tag(tag(registrations.get(id))).build();
    }

    /** What syncing (or changing) a registration would do, nothing applied: the same body as PATCH. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Preview what a change or sync would do")
    public RegistrationPlan preview(@PathParam("id") String id, RegistrationUpdate update, @Context SecurityContext security) {
        return registrations.update(id, update, true, Actors.of(security));
    }

    /** Pauses the whole registration: no job runs, on schedule or by hand, until it is resumed. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/pause")
    @Operation(summary = "Pause a registration")
    public RegistrationPlan pause(@PathParam("id") String id, @Context SecurityContext security) {
        return registrations.update(id, RegistrationUpdate.pause(true), false, Actors.of(security));
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/resume")
    @Operation(summary = "Resume a registration")
    public RegistrationPlan resume(@PathParam("id") String id, @Context SecurityContext security) {
        return registrations.update(id, RegistrationUpdate.pause(false), false, Actors.of(security));
    }

    /** Starts a job now; 202 with the run to follow at /runs/{id}. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/jobs/{job}/runs")
    @Operation(summary = "Start a job now", responses = {
            @ApiResponse(responseCode = "202", description = "Started; Location names the run to follow",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobRun.class)))})
    public Response run(@PathParam("id") String id, @PathParam("job") String job, @Context SecurityContext security,
                        @Context UriInfo uri) {
        JobRun run = runs.start(id, job, Actors.of(security));
        return Response.accepted(run).location(uri.getBaseUriBuilder().path("runs").path(String.valueOf(run.id())).build()).build();
    }

    /** Tests every service's connection to its external system. */
    @RolesAllowed(Roles.OPERATOR)
    @GET
    @Path("/{id}/connections")
    @Operation(summary = "Test the connections to the external systems")
    public List<ConnectionCheck> connections(@PathParam("id") String id) {
        return registrations.testConnections(id);
    }

    /** Reads records straight from the external system behind a service (nothing is cached or changed). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/{id}/services/{service}/records")
    @Operation(summary = "Read records from a service's external system")
    public List<Map<String, Object>> records(@PathParam("id") String id, @PathParam("service") String service,
                                             @QueryParam("limit") String limit) {
        return registrations.peek(id, service, Params.integer("limit", limit, 20));
    }
}

package dev.ferry.rest;

import dev.ferry.platform.api.ActivityCheck;
import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityPruning;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;
import io.swagger.v3.oas.annotations.Operation;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;

import java.util.List;

/** The activity log, newest first; filter by product, workspace, actor and time (ISO-8601 instants, or durations back from now such as PT1H). */
@Path("/activity")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    private final ActivityService activity;

    ActivityResource(ActivityService activity) {
        this.activity = activity;
    }

    /** Checks the log's hash chain: {@code intact}, or the first entry found changed or missing before. */
    /**
     * Removes the entries written before {@code before} (an ISO-8601 instant, or a duration ago such as {@code P90D});
     * the newest entry always stays, and an entry saying where the log now starts is added to the chain.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/prune")
    @Operation(summary = "Remove old activity entries")
    public ActivityPruning prune(@QueryParam("before") String before, @Context SecurityContext security) {
        return activity.prune(ActivityQuery.moment("before", before), Actors.of(security));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("/verify")
    @Operation(summary = "Check the activity log's hash chain")
    public ActivityCheck verify() {
        return activity.verify();
    }

    /**
     * An entry as the API gives it: {@code before} and {@code after} are the states themselves (JSON objects), not
     * their text.
     */
    public record Entry(long id, java.time.Instant at, String actor, String action, String product, String workspace,
                        String registration, String summary, com.fasterxml.jackson.databind.JsonNode before,
                        com.fasterxml.jackson.databind.JsonNode after) {

        static Entry of(ActivityEntry e) {
            return new Entry(e.id(), e.at(), e.actor(), e.action(), e.product(), e.workspace(), e.registration(),
                    e.summary(), state(e.before()), state(e.after()));
        }

        /** A stored state as JSON; one that is not JSON (cut short when it was too long) stays its text. */
        private static com.fasterxml.jackson.databind.JsonNode state(String text) {
            if (text == null) {
                return null;
            }
            try {
                return STATES.readTree(text);
            } catch (java.io.IOException e) {
                return com.fasterxml.jackson.databind.node.TextNode.valueOf(text);
            }
        }

        private static final com.fasterxml.jackson.databind.ObjectMapper STATES = new com.fasterxml.jackson.databind.ObjectMapper();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Operation(summary = "List activity, newest first")
    public List<Entry> query(@QueryParam("product") String product, @QueryParam("workspace") String workspace,
                             @QueryParam("actor") String actor, @QueryParam("since") String since,
                             @QueryParam("until") String until, @QueryParam("limit") String limit,
                             @QueryParam("after") String after) {
        int size = Paging.limit(limit, 100);
        List<Entry> oneMore = activity.query(new ActivityQuery(product, Scope.narrowed(workspace), actor,
                ActivityQuery.moment("since", since), ActivityQuery.moment("until", until), size + 1,
                Paging.numericCursor(after))).stream().map(Entry::of).toList();
        return Paging.fetched(oneMore, size, e -> String.valueOf(e.id()));
    }

}

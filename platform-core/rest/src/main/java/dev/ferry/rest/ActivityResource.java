package dev.ferry.rest;

import dev.ferry.platform.api.ActivityCheck;
import dev.ferry.platform.api.ActivityEntry;
import dev.ferry.platform.api.ActivityQuery;
import dev.ferry.platform.api.ActivityService;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
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
    @GET
    @Path("/verify")
    public ActivityCheck verify() {
        return activity.verify();
    }

    @GET
    public List<ActivityEntry> query(@QueryParam("product") String product, @QueryParam("workspace") String workspace,
                                     @QueryParam("actor") String actor, @QueryParam("since") String since,
                                     @QueryParam("until") String until, @QueryParam("limit") String limit) {
        return activity.query(new ActivityQuery(product, workspace, actor, ActivityQuery.moment("since", since), ActivityQuery.moment("until", until),
                Params.integer("limit", limit, 100)));
    }

}

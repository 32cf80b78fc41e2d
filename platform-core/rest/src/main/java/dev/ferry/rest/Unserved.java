package dev.ferry.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Response;

import java.util.List;

/**
 * What CXF's servlet ({@code /ferry}) serves outside the REST API ({@code /ferry/api}): nothing, said as a 404
 * problem+json rather than CXF's "No service was found." text. Served at CXF address {@code /}, which only gets the
 * paths no other endpoint takes.
 */
@Path("/")
public class Unserved {

    /** Never reached: {@link Refusal} answers every request first. */
    @GET
    public Response none() {
        return Refusal.notServed();
    }

    @PreMatching
    static final class Refusal implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.abortWith(notServed());
        }

        static Response notServed() {
            return ProblemMapper.problem(404, "Not found", "nothing is served at this path: Ferry's REST API is at"
                    + " /ferry/api, its description at /ferry/api/docs", List.of());
        }
    }
}

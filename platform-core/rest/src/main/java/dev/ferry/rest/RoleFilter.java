package dev.ferry.rest;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.ext.Provider;
import java.util.List;

/**
 * What a user's Karaf roles allow ({@code GET /health} takes none): reading takes viewer, manager or admin; changing anything, and reaching into an
 * external system (reading its records, testing connections), takes manager or admin. Runs after authentication.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class RoleFilter implements ContainerRequestFilter {

    static final List<String> READ = List.of("viewer", "manager", "admin");
    static final List<String> WRITE = List.of("manager", "admin");

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        String path = request.getUriInfo().getPath();
        if (HealthResource.open(request)) {
            return;
        }
        boolean external = path.endsWith("/records") || path.endsWith("/connections") || path.endsWith("/discover");
        boolean reading = (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) && !external;
        List<String> allowed = reading ? READ : WRITE;
        if (security == null || allowed.stream().noneMatch(security::isUserInRole)) {
            request.abortWith(ProblemMapper.problem(Response.Status.FORBIDDEN.getStatusCode(), "Forbidden",
                    "user " + Actors.of(security) + " may not " + (reading ? "read" : "change")
                            + " this: it takes one of the roles " + allowed, List.of()));
        }
    }
}

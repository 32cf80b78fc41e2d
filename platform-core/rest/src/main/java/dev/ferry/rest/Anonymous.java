package dev.ferry.rest;

import javax.ws.rs.container.ContainerRequestContext;

import java.util.Set;

/**
 * What answers without a user: the health check (for scripts and load balancers) and the API's own description and
 * its UI (which hold no data). Everything else takes a user or a token.
 */
final class Anonymous {
    private static final Set<String> PATHS = Set.of("health", "openapi.json", "openapi.yaml", "docs");

    private Anonymous() {
    }

    static boolean allowed(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return "GET".equals(request.getMethod())
                && (PATHS.contains(path) || path.startsWith("docs/") && OpenApiResource.UI_FILES.contains(path.substring(5)));
    }
}

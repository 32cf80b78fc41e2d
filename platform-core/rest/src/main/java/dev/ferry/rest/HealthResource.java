package dev.ferry.rest;

import dev.ferry.platform.api.HealthService;
import dev.ferry.platform.api.HealthService.Check;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}, without authentication, for scripts and load balancers: 200 when the store answers, the
 * scheduler fires and every feature Karaf was asked for (the boot features among them) has started; 503 with what is
 * still starting or down otherwise.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final HealthService health;

    HealthResource(HealthService health) {
        this.health = health;
    }

    @GET
    @Operation(summary = "Whether the platform is up (no user needed)", responses = {
            @ApiResponse(responseCode = "200", description = "Up: every check passes"),
            @ApiResponse(responseCode = "503", description = "Still starting, or something is down: the checks say what")})
    public Response get() {
        List<Check> checks = health.check();
        String status = HealthService.status(checks);
        return Response.status(status.equals("up") ? 200 : 503).entity(Map.of("status", status, "checks", checks)).build();
    }
}

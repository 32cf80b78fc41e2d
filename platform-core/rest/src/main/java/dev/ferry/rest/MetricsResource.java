package dev.ferry.rest;

import dev.ferry.platform.api.MetricsService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

/**
 * {@code GET /metrics}: the platform's metrics in Prometheus' text format, for a scraper signed in as a viewer (or
 * any higher role): runs by status, rows and actions moved, run durations, queued and dead actions per service,
 * registrations by health.
 */
@Path("/metrics")
public class MetricsResource {

    private final MetricsService metrics;

    MetricsResource(MetricsService metrics) {
        this.metrics = metrics;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces({"text/plain", "*/*"})
    @Operation(summary = "Metrics in Prometheus' text format", responses = {
            @ApiResponse(responseCode = "200", description = "The metrics (text/plain; version=0.0.4)",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = "string")))})
    public Response get() {
        return Response.ok(metrics.prometheus()).type(MetricsService.PROMETHEUS_TEXT).build();
    }
}

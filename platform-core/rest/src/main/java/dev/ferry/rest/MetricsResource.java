package dev.ferry.rest;

import dev.ferry.platform.api.MetricsService;

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

    @GET
    @Produces({"text/plain", "*/*"})
    public Response get() {
        return Response.ok(metrics.prometheus()).type(MetricsService.PROMETHEUS_TEXT).build();
    }
}

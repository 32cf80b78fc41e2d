package dev.ferry.rest;

import dev.ferry.platform.api.HealthService;
import dev.ferry.platform.api.HealthService.Check;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeatureState;
import org.apache.karaf.features.FeaturesService;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import java.util.ArrayList;
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

    static final String PATH = "health";

    private final HealthService health;
    private final FeaturesService features;

    HealthResource(HealthService health, FeaturesService features) {
        this.health = health;
        this.features = features;
    }

    @GET
    public Response get() {
        List<Check> checks = new ArrayList<>(health.check());
        checks.add(features());
        boolean up = checks.stream().allMatch(Check::healthy);
        boolean down = checks.stream().anyMatch(c -> c.status().equals("down"));
        return Response.status(up ? 200 : 503)
                .entity(Map.of("status", up ? "up" : down ? "down" : "starting", "checks", checks)).build();
    }

    private Check features() {
        try {
            List<String> starting = new ArrayList<>();
            Feature[] required = features.listRequiredFeatures();
            for (Feature f : required) {
                if (features.getState(f.getId()) != FeatureState.Started) {
                    starting.add(f.getName() + " " + f.getVersion());
                }
            }
            return starting.isEmpty() ? Check.up("features", required.length + " started")
                    : new Check("features", "starting", "not started yet: " + String.join(", ", starting));
        } catch (Exception e) {
            return new Check("features", "down", "cannot be listed: " + e.getMessage());
        }
    }
}

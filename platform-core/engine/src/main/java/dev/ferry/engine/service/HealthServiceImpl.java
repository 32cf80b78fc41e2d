package dev.ferry.engine.service;

import dev.ferry.engine.camel.CamelRuntime;
import dev.ferry.engine.camel.RegistrationRuntime;
import dev.ferry.platform.api.HealthService;
import dev.ferry.store.Registrations;
import dev.ferry.store.Store;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeatureState;
import org.apache.karaf.features.FeaturesService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import java.util.ArrayList;
import java.util.List;

/**
 * The platform's own health: the store answers a query, the scheduler fires triggers, every feature Karaf was asked
 * for (the boot features among them) has started, and how its registrations stand (failing or waiting ones are said,
 * not counted as the platform being down: they are the registrations' own).
 */
@Component(service = HealthService.class)
public class HealthServiceImpl implements HealthService {

    @Reference
    private Store store;
    @Reference
    private CamelRuntime camel;
    @Reference
    private RegistrationRuntime runtime;
    @Reference
    private FeaturesService features;

    @Override
    public List<Check> check() {
        List<Check> checks = new ArrayList<>();
        List<String> ids;
        long start = System.nanoTime();
        try {
            ids = store.inTransaction(Registrations::ids);
            checks.add(Check.up("store", "answered in " + (System.nanoTime() - start) / 1_000_000 + " ms"));
        } catch (RuntimeException e) {
            checks.add(new Check("store", "down", "does not answer: " + e.getMessage()));
            ids = List.of();
        }
        checks.add(camel.schedulerStarted() ? Check.up("scheduler", "fires triggers")
                : new Check("scheduler", "starting", "does not fire triggers yet"));
        checks.add(features());
        long running = 0;
        long paused = 0;
        long waiting = 0;
        for (String id : ids) {
            String state = runtime.state(id);
            if (state.equals("running")) {
                running++;
            } else if (state.startsWith("paused")) {
                paused++;
            } else {
                waiting++;
            }
        }
        checks.add(Check.up("registrations", running + " running, " + paused + " paused, " + waiting + " waiting"));
        return checks;
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

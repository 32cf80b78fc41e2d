package dev.ferry.engine.camel;

import dev.ferry.connector.api.Connector;
import dev.ferry.engine.ConnectorRegistry;
import dev.ferry.engine.registration.NotRunnableException;
import dev.ferry.engine.registration.RegistrationPlanner;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.flow.FlowProcessors;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.platform.api.FerryException;
import dev.ferry.platform.api.RegistrationOverrides;
import dev.ferry.store.Registrations;
import dev.ferry.store.Store;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each registration's routes in the CamelContext in step with what is installed: a registration runs while
 * its product version and connectors are installed, and waits (with the reason) while they are not.
 */
@Component(service = RegistrationRuntime.class, immediate = true)
public class RegistrationRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationRuntime.class);

    /**
     * The routes of a running registration, and what they were made of: the product definition, connectors, config
     * values, feature states and overrides.
     */
    private record Deployed(Made made, List<String> routeIds, Map<String, String> jobSteps) {
    }

    private record Made(ProductDescriptor product, List<Connector> connectors, Map<String, String> config,
                        Map<String, String> features, RegistrationOverrides overrides) {
        static Made of(ResolvedRegistration reg) {
            return new Made(reg.product(), connectorsOf(reg), Map.copyOf(reg.config()), Map.copyOf(reg.features()),
                    reg.overrides());
        }
    }

    /** How long stopping a registration waits for a run started by hand to stop. */
    private static final Duration MANUAL_RUN_STOP = Duration.ofSeconds(30);

    private final Map<String, Deployed> deployed = new HashMap<>();
    private final Map<String, String> waiting = new HashMap<>();
    /** Paused registrations: since when and by whom. */
    private final Map<String, String> paused = new HashMap<>();
    private final Runnable reconcileAll = this::reconcileAll;

    @Reference
    private CamelRuntime camel;
    @Reference
    private RegistrationResolver resolver;
    @Reference
    private ProductCatalog catalog;
    @Reference
    private ConnectorRegistry connectors;
    @Reference
    private Store store;
    @Reference
    private RunLedger ledger;
    @Reference
    private FlowProcessors processors;

    @Activate
    void activate() {
        catalog.addListener(reconcileAll);
        connectors.addListener(reconcileAll);
        reconcileAll();
        try {
            camel.startSchedules(); // now that the triggers kept in the store find their routes
        } catch (Exception e) {
            LOG.error("The scheduler did not start: no job runs on its schedule", e);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        catalog.removeListener(reconcileAll);
        connectors.removeListener(reconcileAll);
        new ArrayList<>(deployed.keySet()).forEach(id -> undeploy(id, true));
    }

    /** Brings every stored registration up to date. */
    public synchronized void reconcileAll() {
        List<String> ids = store.inTransaction(Registrations::ids);
        ids.forEach(this::reconcile);
        Set<String> gone = new HashSet<>(deployed.keySet());
        gone.removeAll(ids);
        gone.forEach(this::undeploy);
    }

    /** Deploys, redeploys, pauses or parks one registration. */
    public synchronized void reconcile(String id) {
        reconciled(id);
    }

    /**
     * Deploys, redeploys, pauses or parks one registration.
     *
     * @return why it does not run (it waits), or empty when it runs or is paused
     */
    public synchronized Optional<String> reconciled(String id) {
        try {
            ResolvedRegistration reg = resolver.resolve(id);
            if (reg.overrides().paused()) {
                undeploy(id);
                waiting.remove(id);
                paused.put(id, "paused since " + reg.overrides().pausedAt() + " by " + reg.overrides().pausedBy());
                return Optional.empty();
            }
            paused.remove(id);
            Deployed current = deployed.get(id);
            if (current != null && current.made().equals(Made.of(reg))) {
                return Optional.empty();
            }
            undeploy(id);
            deploy(reg);
            waiting.remove(id);
            return Optional.empty();
        } catch (RuntimeException e) {
            undeploy(id);
            paused.remove(id);
            String reason = e instanceof NotRunnableException || e instanceof FerryException || e.getMessage() == null
                    ? String.valueOf(e.getMessage()) : e.toString();
            if (!reason.equals(waiting.put(id, reason))) {
                LOG.warn("Registration {} waits: {}", id, reason);
            }
            return Optional.of(reason);
        }
    }

    /** Stops and forgets a registration's routes, and deletes its schedules' Quartz jobs and triggers. */
    public synchronized void remove(String id) {
        undeploy(id);
        waiting.remove(id);
        paused.remove(id);
        try {
            camel.deleteSchedules(key(id) + ".", Set.of());
        } catch (Exception e) {
            LOG.warn("The schedules of registration {} could not be deleted: {}", id, e.toString());
        }
    }

    /** "running", "paused since T by U", or "waiting: <reason>". */
    public synchronized String state(String id) {
        if (deployed.containsKey(id)) {
            return "running";
        }
        if (paused.containsKey(id)) {
            return paused.get(id);
        }
        return "waiting: " + waiting.getOrDefault(id, "not started");
    }

    public synchronized boolean running(String id) {
        return deployed.containsKey(id);
    }

    /**
     * The step endpoints of a running registration's job, in order, as {@link JobRoute} takes them; empty when the
     * registration does not run or the job has no active step.
     */
    public synchronized Optional<String> jobSteps(String registration, String job) {
        Deployed d = deployed.get(registration);
        return d == null ? Optional.empty() : Optional.ofNullable(d.jobSteps().get(job));
    }

    private static String key(String registration) {
        return registration.replace(':', '.');
    }

    private void deploy(ResolvedRegistration reg) throws NotRunnableException {
        RegistrationRoutes routes = new RegistrationRoutes(reg, ledger, processors, camel.dataPath().values());
        try {
            camel.inCamel(() -> {
                camel.context().addRoutes(routes); // all at once: Camel's checks over the routes it holds run once
                return null;
            });
        } catch (Exception e) {
            routes.routeIds().forEach(this::removeRoute);
            throw new NotRunnableException("its routes could not be started: " + e.getMessage());
        }
        deployed.put(reg.id(), new Deployed(Made.of(reg), routes.routeIds(), routes.jobSteps()));
        try {
            camel.deleteSchedules(key(reg.id()) + ".", routes.scheduleNames()); // of jobs this version no longer runs
        } catch (Exception e) {
            LOG.warn("Old schedules of registration {} could not be deleted: {}", reg.id(), e.toString());
        }
        LOG.info("Registration {} of {} {} in workspace {} is running: {} route(s), jobs {}", reg.id(), reg.product().id(),
                reg.product().version(), reg.workspace(), routes.routeIds().size(),
                reg.product().jobs().stream().map(j -> j.id() + " (" + (routes.scheduled(j.id())
                        ? RegistrationPlanner.schedule(j, reg.overrides()) : "by hand only") + ")").collect(Collectors.toList()));
    }

    private void undeploy(String id) {
        undeploy(id, false);
    }

    /** {@code platformStopping}: its runs end interrupted rather than failed. */
    private void undeploy(String id, boolean platformStopping) {
        Deployed d = deployed.remove(id);
        if (d == null) {
            return;
        }
        if (platformStopping) {
            ledger.interrupt(id, "the platform is stopping");
        } else {
            ledger.cancel(id, "the registration is being stopped (its product or a connector changed, or it was removed)");
        }
        List<String> reversed = new ArrayList<>(d.routeIds());
        Collections.reverse(reversed); // schedules stop before the jobs and services they call
        reversed.forEach(this::removeRoute); // a schedule's route waits for the run it started
        if (!platformStopping) {
            awaitManualRuns(id);
        }
        LOG.info("Registration {} stopped", id);
    }

    /**
     * A run started by hand goes through the shared job route, which stays: wait for it to stop at its next page, so
     * it does not hand a page to the routes of the registration's next deployment.
     */
    private void awaitManualRuns(String id) {
        try {
            if (!ledger.awaitEnded(id, MANUAL_RUN_STOP)) {
                LOG.warn("Registration {}: {} did not stop within {} s; it ends when its connector answers", id,
                        ledger.runningFor(id).map(Object::toString).orElse("a run"), MANUAL_RUN_STOP.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeRoute(String routeId) {
        try {
            camel.inCamel(() -> {
                camel.context().getRouteController().stopRoute(routeId);
                return camel.context().removeRoute(routeId);
            });
        } catch (Exception e) {
            LOG.warn("Route {} could not be removed: {}", routeId, e.toString());
        }
    }

    /** The connector instances a registration's services use (a standby taking over means a redeploy). */
    private static List<Connector> connectorsOf(ResolvedRegistration reg) {
        return reg.services().values().stream().map(ResolvedService::connector).collect(Collectors.toList());
    }

    /** The name of a registration's job's Quartz job and trigger. */
    static String scheduleName(String registration, String job) {
        return key(registration) + "." + job;
    }
}

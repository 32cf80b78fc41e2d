package dev.ferry.engine.camel;

import dev.ferry.connector.api.Connector;
import dev.ferry.engine.ConnectorRegistry;
import dev.ferry.engine.registration.NotRunnableException;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.flow.FlowProcessors;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.product.ProductCatalog;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.platform.api.FerryException;
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

    /** The routes of a running registration, and the product definition and connectors they were made for. */
    private record Deployed(ProductDescriptor product, List<Connector> connectors, List<String> routeIds,
                            Map<String, String> jobSteps) {
    }

    /** How long stopping a registration waits for a run started by hand to stop. */
    private static final Duration MANUAL_RUN_STOP = Duration.ofSeconds(30);

    private final Map<String, Deployed> deployed = new HashMap<>();
    private final Map<String, String> waiting = new HashMap<>();
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

    /** Deploys, redeploys or parks one registration. */
    public synchronized void reconcile(String id) {
        try {
            ResolvedRegistration reg = resolver.resolve(id);
            Deployed current = deployed.get(id);
            if (current != null && current.product().equals(reg.product()) && current.connectors().equals(connectorsOf(reg))) {
                return;
            }
            undeploy(id);
            deploy(reg);
            waiting.remove(id);
        } catch (RuntimeException e) {
            undeploy(id);
            String reason = e instanceof NotRunnableException || e instanceof FerryException || e.getMessage() == null
                    ? String.valueOf(e.getMessage()) : e.toString();
            if (!reason.equals(waiting.put(id, reason))) {
                LOG.warn("Registration {} waits: {}", id, reason);
            }
        }
    }

    /** Stops and forgets a registration's routes, and deletes its schedules' Quartz jobs and triggers. */
    public synchronized void remove(String id) {
        undeploy(id);
        waiting.remove(id);
        try {
            camel.deleteSchedules(key(id) + ".", Set.of());
        } catch (Exception e) {
            LOG.warn("The schedules of registration {} could not be deleted: {}", id, e.toString());
        }
    }

    /** "running", or "waiting: <reason>". */
    public synchronized String state(String id) {
        if (deployed.containsKey(id)) {
            return "running";
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
        deployed.put(reg.id(), new Deployed(reg.product(), connectorsOf(reg), routes.routeIds(), routes.jobSteps()));
        try {
            camel.deleteSchedules(key(reg.id()) + ".", routes.scheduleNames()); // of jobs this version no longer runs
        } catch (Exception e) {
            LOG.warn("Old schedules of registration {} could not be deleted: {}", reg.id(), e.toString());
        }
        LOG.info("Registration {} of {} {} in workspace {} is running: {} route(s), jobs {}", reg.id(), reg.product().id(),
                reg.product().version(), reg.workspace(), routes.routeIds().size(),
                reg.product().jobs().stream().map(j -> j.id() + " (" + (j.schedule() == null ? "on demand" : j.schedule()) + ")").collect(Collectors.toList()));
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

package dev.ferry.engine.data;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.descriptor.Schedules;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.DataStore;
import dev.ferry.store.ServiceStates;
import dev.ferry.store.Store;

import javax.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What Ferry's Camel endpoints call: a cache-writer run, a flow step or an action-processor run for one step of a
 * job run, with the registration resolved once per run. One run at a time uses a service.
 */
public final class DataPath {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DataPath.class);

    /** Records a cache page holds, and actions an action-processor batch. */
    static final int PAGE = 500;

    final Store store;
    final DataStore data;
    final RunLedger ledger;
    final WorkspaceCache cache;
    private final CacheValues values;
    private final RegistrationResolver resolver;
    private final FlowStep flowStep;
    private static final String HAND_OFF = "actions for ";

    private final Map<String, ReentrantLock> serviceLocks = new ConcurrentHashMap<>();
    private final ExecutorService followers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-action-follower");
        t.setDaemon(true);
        return t;
    });
    private final ExecutorService connectorCalls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ferry-connector-call");
        t.setDaemon(true);
        return t;
    });
    volatile CacheEventBus bus = (r, s, e, run, pending) -> 0;

    public DataPath(Store store, DataStore data, RegistrationResolver resolver, RunLedger ledger) {
        this.store = store;
        this.data = data;
        this.resolver = resolver;
        this.ledger = ledger;
        this.cache = new WorkspaceCache(data);
        this.values = new CacheValues(this);
        this.flowStep = new FlowStep(ledger);
    }

    public void bus(CacheEventBus bus) {
        this.bus = bus;
    }

    /** The cache-writer step. */
    public void read(String registration, String serviceId, RunProgress run) {
        ResolvedRegistration reg = run.registration(() -> resolver.resolve(registration));
        ResolvedService svc = service(reg, serviceId, ServiceType.CACHE_WRITER);
        locked(reg, svc, run, () -> new CacheWriterRun(this, reg, svc, run).execute());
    }

    /** The flow step: actions for the flow's target, pending until the cache page that caused them is stored. */
    public void enqueue(String registration, String flowId, List<CacheEvent> events, RunProgress run,
                        PendingActions pending) {
        ResolvedRegistration reg = run.registration(() -> resolver.resolve(registration));
        flowStep.enqueue(reg, flowId, events, run, pending);
    }

    /** A job step that runs a flow on demand over every record its source service's cache holds. */
    public void runOnDemand(String registration, String flowId, RunProgress run) {
        ResolvedRegistration reg = run.registration(() -> resolver.resolve(registration));
        FlowDef flow = reg.product().flow(flowId).filter(f -> f.from().isOnDemand()).orElseThrow(() ->
                new IllegalArgumentException("product " + reg.product().id() + " has no flow on demand '" + flowId + "'"));
        new OnDemandRun(this, reg, flow, run).execute();
    }

    /** The action-processor step. */
    public void process(String registration, String serviceId, RunProgress run) {
        ResolvedRegistration reg = run.registration(() -> resolver.resolve(registration));
        ResolvedService svc = service(reg, serviceId, ServiceType.ACTION_PROCESSOR);
        ActionHandOff handOff = run.detach(HAND_OFF + serviceId, ActionHandOff.class);
        if (handOff != null) {
            handOff.finish();
            handOff.join();
        }
        locked(reg, svc, run, () -> new ActionProcessorRun(this, reg, svc, run).execute());
    }

    /**
     * Where a cache writer passes its actions for {@code targetService} on, when a later step of the same job runs
     * that service: a follower that starts processing them now; null when no later step does.
     */
    ActionHandOff handOff(ResolvedRegistration reg, String readerService, String targetService, RunProgress run) {
        List<String> steps = reg.product().jobs().stream().filter(j -> j.id().equals(run.job())).findFirst()
                .map(j -> j.steps()).orElse(List.of());
        int reader = steps.indexOf(readerService);
        if (reader < 0 || !steps.subList(reader + 1, steps.size()).contains(targetService) || !reg.runs(targetService)) {
            return null;
        }
        return run.attachment(HAND_OFF + targetService, ActionHandOff.class, () -> {
            ResolvedService target = service(reg, targetService, ServiceType.ACTION_PROCESSOR);
            ActionHandOff handOff = new ActionHandOff();
            handOff.start(() -> {
                ReentrantLock lock = lockOf(reg, target);
                if (!lock.tryLock()) {
                    return; // busy in another run: the later step finds out and says so
                }
                try {
                    new ActionProcessorRun(this, reg, target, run).follow(handOff);
                } finally {
                    lock.unlock();
                }
            }, followers);
            return handOff;
        });
    }

    /** Stops the followers' and connector calls' threads (the platform is stopping). */
    public void close() {
        followers.shutdownNow();
        connectorCalls.shutdownNow();
    }

    /** A connector call that may go on as long as it makes progress. */
    @FunctionalInterface
    interface ConnectorCall<T> {
        T call() throws ConnectorException;
    }

    /** Work a connector call hands to the thread that waits for it. */
    @FunctionalInterface
    interface HandedOver {
        /** Takes and does one piece of handed-over work, waiting up to {@code millis} for one. */
        void takeOne(long millis) throws InterruptedException;

        /** Called once the connector's call has ended (its outcome is there): a {@link #takeOne} waiting should stop. */
        default void callEnded() {
        }
    }

    /**
     * Runs a connector call on its own thread and waits for it while {@code progress} moves: a call that makes no
     * progress for the service's timeout fails the step (its thread is interrupted and left behind), so a connector
     * that hangs holds up neither this run forever nor any other registration.
     */
    <T> T withTimeout(ResolvedRegistration reg, ResolvedService svc, RunProgress run, LongSupplier progress,
                      ConnectorCall<T> call) throws ConnectorException {
        return withTimeout(reg, svc, run, progress, call, null);
    }

    /**
     * {@link #withTimeout(ResolvedRegistration, ResolvedService, RunProgress, LongSupplier, ConnectorCall)} where
     * the waiting thread meanwhile does the work the call hands over ({@code handedOver}, may be null), so the
     * connector and the platform each have a thread. When that work fails, the call is cancelled.
     */
    <T> T withTimeout(ResolvedRegistration reg, ResolvedService svc, RunProgress run, LongSupplier progress,
                      ConnectorCall<T> call, HandedOver handedOver) throws ConnectorException {
        long timeoutMillis = Schedules.interval(svc.def().timeout()).toMillis();
        FutureTask<T> future = new FutureTask<>(call::call) {
            @Override
            protected void done() {
                if (handedOver != null) {
                    handedOver.callEnded();
                }
            }
        };
        connectorCalls.execute(future);
        long lastProgress = progress.getAsLong();
        long lastMoved = System.nanoTime();
        while (true) {
            try {
                if (handedOver == null) {
                    return future.get(200, TimeUnit.MILLISECONDS);
                }
                if (future.isDone()) {
                    return future.get();
                }
                handedOver.takeOne(200);
            } catch (TimeoutException e) {
                // no answer yet: look at the progress below
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "interrupted while waiting for connector '"
                        + svc.def().connector() + "'", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ConnectorException ce) {
                    throw ce;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), String.valueOf(cause), cause);
            } catch (RuntimeException | Error e) {
                future.cancel(true); // the handed-over work failed: the call's work would go nowhere
                throw e;
            }
            long now = System.nanoTime();
            long p = progress.getAsLong();
            if (p != lastProgress) {
                lastProgress = p;
                lastMoved = now;
            } else if (now - lastMoved > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                future.cancel(true);
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '"
                        + svc.def().connector() + "' made no progress for " + svc.def().timeout()
                        + " (the service's timeout); what was taken before is kept, the rest is tried next run", null);
            }
        }
    }

    /** The values kept of the records of services that flows look records up in. */
    public CacheValues values() {
        return values;
    }

    /** The id that scopes a service's cache and queue (its service-state row), made on first use. */
    long scope(ResolvedRegistration reg, String serviceId) {
        try {
            return store.inTransaction(em -> ServiceStates.findOrCreate(em, reg.workspace(), reg.id(), serviceId).id);
        } catch (PersistenceException e) {
            // another step of the run made it at the same moment: the unique key refused the second
            return store.inTransaction(em -> ServiceStates.find(em, reg.id(), serviceId).orElseThrow(() -> e).id);
        }
    }

    /** Reads up to {@code limit} records straight from the external system; nothing is cached. */
    public List<Map<String, Object>> peek(ResolvedRegistration reg, String serviceId, int limit) {
        ResolvedService svc = reg.service(serviceId);
        List<Map<String, Object>> records = new ArrayList<>();
        ReadContext context = new Reading(svc, Optional.empty()) {
            @Override
            public ReadMode mode() {
                return ReadMode.FULL;
            }

            @Override
            public boolean emit(DataRecord record) {
                if (records.size() < limit) {
                    records.add(record.values());
                }
                return records.size() < limit;
            }

            @Override
            public void reject(String location, String reason) {
                // a support read shows what can be read; rejected records are a run's business
            }
        };
        try {
            svc.connector().cacheWriter(svc.def().module()).read(context);
        } catch (ConnectorException e) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), e.getMessage(), e);
        }
        return records;
    }

    private ReentrantLock lockOf(ResolvedRegistration reg, ResolvedService svc) {
        return serviceLocks.computeIfAbsent(reg.id() + "/" + svc.id(), k -> new ReentrantLock());
    }

    private void locked(ResolvedRegistration reg, ResolvedService svc, RunProgress run, Runnable work) {
        ReentrantLock lock = lockOf(reg, svc);
        if (!lock.tryLock()) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(),
                    "the service is running in another run of this registration; " + run + " leaves it alone", null);
        }
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    private static ResolvedService service(ResolvedRegistration reg, String serviceId, ServiceType type) {
        ResolvedService svc = reg.service(serviceId);
        if (svc.type() != type) {
            throw new IllegalArgumentException("service " + serviceId + " of product " + reg.product().id() + " is a "
                    + svc.type().label() + ", not a " + type.label());
        }
        return svc;
    }

    static void stopIfCancelled(ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        if (run.cancelled() != null) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "stopped: " + run.cancelled(), null);
        }
    }

    /**
     * Opens the connector's session for a step ({@link dev.ferry.connector.api.Connector#openSession}), if it opens
     * one.
     */
    static Optional<dev.ferry.connector.api.ConnectorSession> openSession(ResolvedService svc)
            throws dev.ferry.connector.api.ConnectorException {
        Optional<dev.ferry.connector.api.ConnectorSession> session = svc.connector().openSession(svc.connection());
        return session == null ? Optional.empty() : session;
    }

    /** Closes a step's session; a connector failing to is logged, and the step's outcome stands. */
    static void closeSession(ResolvedRegistration reg, ResolvedService svc,
                             Optional<dev.ferry.connector.api.ConnectorSession> session) {
        session.ifPresent(s -> {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.warn("Registration {} (workspace {}), step {}: connector '{}' failed to close its session: {}",
                        reg.id(), reg.workspace(), svc.id(), svc.def().connector(), e.toString());
            }
        });
    }

    /**
     * What a step hands its connector with each read or batch: the service's connection and data object, and the
     * step's session once it is open.
     */
    static class StepContext implements dev.ferry.connector.api.action.ActionContext {
        final ResolvedService svc;
        private volatile Optional<dev.ferry.connector.api.ConnectorSession> session = Optional.empty();

        StepContext(ResolvedService svc) {
            this.svc = svc;
        }

        void session(Optional<dev.ferry.connector.api.ConnectorSession> session) {
            this.session = session;
        }

        @Override
        public Optional<dev.ferry.connector.api.ConnectorSession> session() {
            return session;
        }

        @Override
        public Config connection() {
            return svc.connection();
        }

        @Override
        public DataObject object() {
            return svc.object();
        }
    }

    /** A read's context: the step's, with the read's mode and cursor. */
    abstract static class Reading extends StepContext implements ReadContext {
        private final Optional<String> cursor;

        Reading(ResolvedService svc, Optional<String> cursor) {
            super(svc);
            this.cursor = cursor;
        }

        @Override
        public ReadMode mode() {
            return svc.mode();
        }

        @Override
        public Optional<String> cursor() {
            return cursor;
        }
    }
}

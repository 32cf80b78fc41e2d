package dev.ferry.engine.data;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.descriptor.ProductDescriptor.FlowDef;
import dev.ferry.engine.registration.RegistrationResolver;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.ActionEntity;
import dev.ferry.store.ServiceStateEntity;
import dev.ferry.store.Store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * What Ferry's Camel endpoints do: read a data object into the workspace cache and pass the changes to flows,
 * turn cache events into queued actions, and run queued actions through an action processor. Work goes in pages
 * of {@value #PAGE} so memory stays bounded whatever the size of the data.
 */
public final class DataPath {

    private static final Logger LOG = LoggerFactory.getLogger(DataPath.class);

    static final int PAGE = 500;

    private final Store store;
    private final RegistrationResolver resolver;
    private final RunLedger ledger;
    private final WorkspaceCache cache = new WorkspaceCache();
    private final Map<String, ReentrantLock> serviceLocks = new ConcurrentHashMap<>();
    private volatile CacheEventBus bus = (r, s, e, run) -> 0;

    public DataPath(Store store, RegistrationResolver resolver, RunLedger ledger) {
        this.store = store;
        this.resolver = resolver;
        this.ledger = ledger;
    }

    public void bus(CacheEventBus bus) {
        this.bus = bus;
    }

    /** The cache-writer step: reads the service's data object and writes it through the cache. */
    public void read(String registration, String serviceId, RunProgress run) {
        ResolvedRegistration reg = resolver.resolve(registration);
        ResolvedService svc = service(reg, serviceId, ServiceType.CACHE_WRITER);
        withServiceLock(reg, svc, run, () -> readLocked(reg, svc, run));
    }

    private void readLocked(ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        Optional<String> cursor = svc.mode() == ReadMode.INCREMENTAL ? cursor(reg, svc) : Optional.empty();
        long flows = reg.product().flows().stream()
                .filter(f -> f.from().service().equals(svc.id()) && reg.active(f.id())).count();
        AtomicLong rejected = new AtomicLong();
        List<DataRecord> page = new ArrayList<>(PAGE);
        Runnable flush = () -> {
            if (page.isEmpty()) {
                return;
            }
            List<String[]> tooLarge = new ArrayList<>();
            WorkspaceCache.Changes changes = store.inTransaction(em -> {
                WorkspaceCache.Changes c = cache.write(em, reg, svc, page, run.runId(), (l, r) -> tooLarge.add(new String[]{l, r}));
                publish(reg, svc, flows, c, run);
                return c;
            });
            run.read(page.size());
            count(run, changes);
            tooLarge.forEach(r -> ledger.reject(run, svc.id(), r[0], r[1]));
            rejected.addAndGet(tooLarge.size());
            ledger.save(run);
            page.clear();
        };
        ReadContext context = new Reading(svc, cursor) {
            @Override
            public boolean emit(DataRecord record) {
                page.add(record);
                if (page.size() >= PAGE) {
                    flush.run();
                }
                return run.cancelled() == null;
            }

            @Override
            public void reject(String location, String reason) {
                rejected.incrementAndGet();
                ledger.reject(run, svc.id(), location, reason);
            }
        };
        Optional<String> next;
        try {
            next = svc.connector().cacheWriter(svc.def().module()).read(context);
        } catch (ConnectorException e) {
            StepFailedException failure = new StepFailedException(reg.id(), reg.workspace(), svc.id(),
                    e.getMessage() + " [" + e.code() + "]", e);
            try {
                flush.run(); // what was read is taken; the cursor stays, so the next run reads the rest again
            } catch (RuntimeException flushFailure) {
                failure.addSuppressed(flushFailure);
            }
            throw failure;
        }
        flush.run();
        stopIfCancelled(reg, svc, run); // what was read is taken; the cursor stays, so the rest is read next time
        if (svc.mode() == ReadMode.FULL) {
            if (rejected.get() > 0) {
                // a record that could not be read was not seen either: it must not count as deleted
                LOG.warn("{}, step {}: deletions are not looked for in this run, because {} record(s) were rejected",
                        run, svc.id(), rejected.get());
            } else {
                sweep(reg, svc, flows, run);
            }
        }
        if (next.isPresent() && !next.equals(cursor)) {
            if (next.get().length() > CacheWriter.MAX_CURSOR_LENGTH) {
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '" + svc.def().connector()
                        + "' returned a cursor of " + next.get().length() + " characters (at most "
                        + CacheWriter.MAX_CURSOR_LENGTH + "); the records are taken, the read starts from the old cursor next time", null);
            }
            saveCursor(reg, svc, next.get());
        }
    }

    /** After a full read: what the read did not see is deleted, a page at a time. */
    private void sweep(ResolvedRegistration reg, ResolvedService svc, long flows, RunProgress run) {
        WorkspaceCache.Changes gone;
        do {
            gone = store.inTransaction(em -> {
                WorkspaceCache.Changes c = cache.sweep(em, reg, svc, run.runId(), PAGE);
                publish(reg, svc, flows, c, run);
                return c;
            });
            count(run, gone);
            ledger.save(run);
        } while (!gone.events().isEmpty());
    }

    /** Hands a page's changes to the flows; refuses the page when a flow that should take it is not running. */
    private void publish(ResolvedRegistration reg, ResolvedService svc, long flows, WorkspaceCache.Changes changes,
                         RunProgress run) {
        int listening = bus.publish(reg.id(), svc.id(), changes.events(), run);
        if (listening < flows) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "only " + listening + " of its " + flows
                    + " flow(s) are running (the registration is being stopped or redeployed); the records of this page"
                    + " are not taken and will be read again", null);
        }
    }

    private static void stopIfCancelled(ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        if (run.cancelled() != null) {
            throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "stopped: " + run.cancelled(), null);
        }
    }

    /** One run at a time per service, even when several jobs of a registration share it. */
    private void withServiceLock(ResolvedRegistration reg, ResolvedService svc, RunProgress run, Runnable work) {
        ReentrantLock lock = serviceLocks.computeIfAbsent(reg.id() + "/" + svc.id(), k -> new ReentrantLock());
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

    /** The flow step: queues one action per cache event for the flow's target service, in the caller's transaction. */
    public void enqueue(String registration, String flowId, List<CacheEvent> events, RunProgress run) {
        ResolvedRegistration reg = resolver.resolve(registration);
        FlowDef flow = reg.product().flows().stream().filter(f -> f.id().equals(flowId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("product " + reg.product().id() + " has no flow '" + flowId + "'"));
        ResolvedService target = service(reg, flow.to().service(), ServiceType.ACTION_PROCESSOR);
        Operation operation = Operation.fromLabel(flow.to().operation());
        DataObject object = target.object();
        Instant now = Instant.now();
        store.run(em -> {
            for (CacheEvent event : events) {
                Operation op = event.kind() == CacheEvent.Kind.DELETED ? Operation.DELETE : operation;
                DataRecord record;
                try {
                    record = op == Operation.DELETE ? keyOnly(object, map(flow, object, event.values()))
                            : object.toRecord(map(flow, object, event.values()));
                } catch (IllegalArgumentException e) {
                    ledger.reject(run, flowId, "record " + event.key(), e.getMessage());
                    continue;
                }
                String payload = RecordJson.write(record.values());
                if (payload.length() > Store.TEXT) {
                    ledger.reject(run, flowId, "record " + event.key(), "its values take " + payload.length()
                            + " characters as JSON; at most " + Store.TEXT + " can be queued");
                    continue;
                }
                ActionEntity a = new ActionEntity();
                a.workspace = reg.workspace();
                a.registrationId = reg.id();
                a.serviceId = target.id();
                a.operation = op.name();
                a.recordKey = RecordJson.key(object.keyOf(record));
                a.payload = payload;
                a.status = ActionEntity.PENDING;
                a.origin = truncate(event.origin() + " via flow " + flowId, 200);
                a.runId = run.runId();
                a.createdAt = now;
                em.persist(a);
            }
        });
    }

    /** The action-processor step: runs the service's queued actions, a page at a time, until none is left. */
    public void process(String registration, String serviceId, RunProgress run) {
        ResolvedRegistration reg = resolver.resolve(registration);
        ResolvedService svc = service(reg, serviceId, ServiceType.ACTION_PROCESSOR);
        withServiceLock(reg, svc, run, () -> processLocked(reg, svc, run));
    }

    private void processLocked(ResolvedRegistration reg, ResolvedService svc, RunProgress run) {
        ActionProcessor processor = svc.connector().actionProcessor(svc.def().module());
        long after = 0;
        while (true) {
            stopIfCancelled(reg, svc, run);
            long from = after;
            List<ActionEntity> pending = store.inTransaction(em -> em.createQuery(
                            "select a from ActionEntity a where a.registrationId = :r and a.serviceId = :s and a.status = :p"
                                    + " and a.id > :after order by a.id", ActionEntity.class)
                    .setParameter("r", reg.id()).setParameter("s", svc.id()).setParameter("p", ActionEntity.PENDING)
                    .setParameter("after", from).setMaxResults(PAGE).getResultList());
            if (pending.isEmpty()) {
                return;
            }
            after = pending.get(pending.size() - 1).id;
            List<Action> actions = new ArrayList<>();
            Map<Long, ActionOutcome> outcomes = new LinkedHashMap<>();
            for (ActionEntity a : pending) {
                try {
                    DataRecord record = Operation.valueOf(a.operation) == Operation.DELETE || Operation.valueOf(a.operation) == Operation.GET
                            ? keyOnly(svc.object(), RecordJson.read(a.payload))
                            : svc.object().toRecord(RecordJson.read(a.payload));
                    actions.add(new Action(a.id, Operation.valueOf(a.operation), record));
                } catch (IllegalArgumentException e) {
                    outcomes.put(a.id, ActionOutcome.failed(a.id, "invalid_record", e.getMessage()));
                }
            }
            List<ActionOutcome> done;
            try {
                done = actions.isEmpty() ? List.of() : processor.execute(svc, actions);
            } catch (ConnectorException e) {
                store.run(em -> em.createQuery("update ActionEntity a set a.attempts = a.attempts + 1 where a.id in :ids")
                        .setParameter("ids", actions.stream().map(Action::id).collect(Collectors.toList())).executeUpdate());
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), e.getMessage() + " [" + e.code()
                        + "]; " + actions.size() + " action(s) stay queued for the next run", e);
            }
            if (done.size() != actions.size()) {
                throw new StepFailedException(reg.id(), reg.workspace(), svc.id(), "connector '" + svc.def().connector()
                        + "' returned " + done.size() + " outcomes for " + actions.size() + " actions; they stay queued", null);
            }
            done.forEach(o -> outcomes.put(o.actionId(), o));
            store.run(em -> complete(em, outcomes.values(), run.runId()));
            long failed = outcomes.values().stream().filter(o -> !o.succeeded()).count();
            run.actions(outcomes.size() - failed, failed);
            ledger.save(run);
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

    private void complete(EntityManager em, Iterable<ActionOutcome> outcomes, long runId) {
        Instant now = Instant.now();
        List<Long> succeeded = new ArrayList<>();
        for (ActionOutcome o : outcomes) {
            if (o.succeeded()) {
                succeeded.add(o.actionId());
                continue;
            }
            ActionEntity a = em.find(ActionEntity.class, o.actionId());
            a.status = ActionEntity.FAILED;
            a.attempts++;
            a.errorCode = truncate(o.code(), 100);
            a.errors = truncate(String.join("; ", o.errors()), 4000);
            a.finishedAt = now;
            a.runId = runId;
        }
        if (!succeeded.isEmpty()) {
            em.createQuery("update ActionEntity a set a.status = :s, a.attempts = a.attempts + 1, a.finishedAt = :now,"
                            + " a.runId = :run where a.id in :ids")
                    .setParameter("s", ActionEntity.SUCCEEDED).setParameter("now", now).setParameter("run", runId)
                    .setParameter("ids", succeeded).executeUpdate();
        }
    }

    private static Map<String, Object> map(FlowDef flow, DataObject target, Map<String, Object> source) {
        Map<String, Object> mapped = new LinkedHashMap<>();
        target.fields().forEach(f -> mapped.put(f.name(), source.get(flow.mapping().getOrDefault(f.name(), f.name()))));
        return mapped;
    }

    private static DataRecord keyOnly(DataObject object, Map<String, Object> values) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String k : object.primaryKey()) {
            Object v = object.field(k).orElseThrow().type().coerce(values.get(k));
            if (v == null) {
                throw new IllegalArgumentException("key field '" + k + "' is empty");
            }
            key.put(k, v);
        }
        return DataRecord.of(key);
    }

    private static void count(RunProgress run, WorkspaceCache.Changes c) {
        run.changes(c.count(CacheEvent.Kind.INSERTED), c.count(CacheEvent.Kind.UPDATED), c.count(CacheEvent.Kind.DELETED),
                c.unchanged());
    }

    private static ResolvedService service(ResolvedRegistration reg, String serviceId, ServiceType type) {
        ResolvedService svc = reg.service(serviceId);
        if (svc.type() != type) {
            throw new IllegalArgumentException("service " + serviceId + " of product " + reg.product().id() + " is a "
                    + svc.type().label() + ", not a " + type.label());
        }
        return svc;
    }

    private Optional<String> cursor(ResolvedRegistration reg, ResolvedService svc) {
        return store.inTransaction(em -> state(em, reg, svc).map(s -> s.cursor));
    }

    private void saveCursor(ResolvedRegistration reg, ResolvedService svc, String cursor) {
        store.run(em -> {
            ServiceStateEntity s = state(em, reg, svc).orElseGet(() -> {
                ServiceStateEntity n = new ServiceStateEntity();
                n.workspace = reg.workspace();
                n.registrationId = reg.id();
                n.serviceId = svc.id();
                em.persist(n);
                return n;
            });
            s.cursor = cursor;
            s.updatedAt = Instant.now();
        });
    }

    private static Optional<ServiceStateEntity> state(EntityManager em, ResolvedRegistration reg, ResolvedService svc) {
        return em.createQuery("select s from ServiceStateEntity s where s.registrationId = :r and s.serviceId = :s",
                        ServiceStateEntity.class)
                .setParameter("r", reg.id()).setParameter("s", svc.id()).getResultStream().findFirst();
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** The parts of a read context that come straight from the resolved service. */
    private abstract static class Reading implements ReadContext {
        private final ResolvedService svc;
        private final Optional<String> cursor;

        Reading(ResolvedService svc, Optional<String> cursor) {
            this.svc = svc;
            this.cursor = cursor;
        }

        @Override
        public Config connection() {
            return svc.connection();
        }

        @Override
        public DataObject object() {
            return svc.object();
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

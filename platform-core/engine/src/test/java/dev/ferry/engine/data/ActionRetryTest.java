package dev.ferry.engine.data;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.engine.activity.ActivityRecorder;
import dev.ferry.engine.descriptor.ProductDescriptor;
import dev.ferry.engine.registration.ResolvedRegistration;
import dev.ferry.engine.registration.ResolvedService;
import dev.ferry.engine.run.RunLedger;
import dev.ferry.engine.run.RunProgress;
import dev.ferry.store.ActionEntity;
import dev.ferry.store.ActionQueries;
import dev.ferry.store.DataStore;
import dev.ferry.store.JobRunEntity;
import dev.ferry.store.RegistrationEntity;
import dev.ferry.store.Store;
import dev.ferry.store.StoreSchema;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The data path end to end on Ferry's real store (Hibernate and plain JDBC on in-memory Derby): a read through the
 * cache into the queue, and an action processor that fails in the ways an external system does.
 */
public class ActionRetryTest {

    /** Records in the source: more than one batch of actions (the processor hands the connector up to 2,000). */
    private static final int ROWS = 5000;

    private static EntityManagerFactory emf;
    private static Store store;
    private static DataStore data;
    private static RunLedger ledger;
    private static int registrations;

    private final List<DataRecord> source = new ArrayList<>();
    private final List<Long> written = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger batches = new AtomicInteger();
    /** Batch numbers (from 1) that fail as a whole, retriably. */
    private final Set<Integer> failingBatches = new HashSet<>();
    /** A batch number to fail, and how long the test system asks to be left alone then. */
    private final java.util.Map<Integer, java.time.Duration> throttledBatches = new java.util.concurrent.ConcurrentHashMap<>();
    /** Whether the target's writes hang (until interrupted). */
    private volatile boolean hang;
    /** Ids the target answers "retry later" for. */
    private final Set<Long> busy = new HashSet<>();
    /** Where the test system's read breaks off (after emitting this many records), or -1. */
    private int breakAfter = -1;
    /** Where the platform stops during the read (after emitting this many records), or -1. */
    private int interruptAfter = -1;
    private final List<String> cursorsSeen = new ArrayList<>();
    /** Whether the test system asks to hear when its records are stored, at its checkpoints. */
    private boolean hearsWhenStored;
    /** What it heard: the checkpoint's record id, and how many records the store held then. */
    private final List<String> heardStored = Collections.synchronizedList(new ArrayList<>());
    private static EmbeddedDataSource storeSource;
    /** Whether the test system opens a session per step, and what happened to its sessions: open, used, closed. */
    private boolean sessions;
    private final List<String> sessionEvents = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger sessionsOpened = new java.util.concurrent.atomic.AtomicInteger();
    private ReadMode mode = ReadMode.FULL;
    /** Whether the product has a close-out flow of the copy. */
    private boolean closeOut;
    /** The records close-outs were handed: kind, key, outcome, code. */
    private final List<String> closedOut = Collections.synchronizedList(new ArrayList<>());
    private DataPath path;
    private ResolvedRegistration reg;

    @BeforeClass
    public static void openStore() throws Exception {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:retry-test");
        ds.setCreateDatabase("create");
        storeSource = ds;
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("javax.persistence.nonJtaDataSource", ds);
        StoreSchema.migrate(ds);
        props.put("hibernate.hbm2ddl.auto", "validate");
        emf = Persistence.createEntityManagerFactory("ferry", props);
        store = new Store(emf);
        data = new DataStore(ds);
        EventAdmin events = new EventAdmin() {
            @Override
            public void postEvent(Event event) {
            }

            @Override
            public void sendEvent(Event event) {
            }
        };
        ledger = new RunLedger(store, new ActivityRecorder(events));
    }

    @AfterClass
    public static void closeStore() {
        emf.close();
    }

    @Before
    public void registration() {
        String id = "w" + (++registrations) + ":demo";
        reg = registration(id, new ProductDescriptor.RetryDef(3, "1s"));
        store.run(em -> {
            RegistrationEntity r = new RegistrationEntity();
            r.id = id;
            r.workspace = reg.workspace();
            r.productId = "demo";
            r.productVersion = "1.0.0";
            r.createdAt = Instant.now();
            em.persist(r);
        });
        path = new DataPath(store, data, null, ledger);
        FlowStep flows = new FlowStep(ledger);
        path.bus((r, s, events, run, pending) -> {
            if (s.equals(CacheEventBus.closeOuts("copy"))) {
                events.forEach(e -> closedOut.add(e.kind().label() + " " + e.key() + " " + e.values().get("_outcome")
                        + " " + e.values().get("_code")));
                flows.enqueue(reg, "audit", events, run, pending);
                return 1;
            }
            assertEquals("reader", s);
            flows.enqueue(reg, "copy", events, run, pending);
            return 1;
        });
        LongStream.rangeClosed(1, ROWS).forEach(i -> source.add(customer(i, "v1")));
    }

    @Test
    public void aBatchThatFailsAsAWholeIsRetriedWithoutTheActionsAlreadyClosed() throws Exception {
        failingBatches.add(2); // the second batch of 2,000: the first 2,000 are closed by then
        RunProgress first = begin();
        path.read(reg.id(), "reader", first);
        try {
            path.process(reg.id(), "writer", first);
            fail("the batch failed");
        } catch (StepFailedException e) {
            // how many are queued then depends on how far the read got while the writer followed it: 2,000 or 3,000
            assertTrue(e.getMessage(), e.getMessage().matches(".*[23]000 action\\(s\\) stay queued, attempt 1 of 3 failed.*"));
        }
        finish(first);
        assertEquals(2000, written.size());

        RunProgress tooEarly = begin();
        path.process(reg.id(), "writer", tooEarly); // backing off: nothing runs yet
        finish(tooEarly);
        assertEquals(2000, written.size());

        Thread.sleep(1300);
        RunProgress later = begin();
        path.process(reg.id(), "writer", later);
        finish(later);
        assertEquals("every action ran exactly once", LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList()),
                written.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    public void aSystemThatAsksToBeLeftAloneIsNotTriedAgainSooner() throws Exception {
        throttledBatches.put(1, java.time.Duration.ofHours(1));
        RunProgress first = begin();
        path.read(reg.id(), "reader", first);
        try {
            path.process(reg.id(), "writer", first);
            fail("the batch failed");
        } catch (StepFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("the test system is busy"));
        }
        finish(first);
        assertEquals(0, written.size());

        Thread.sleep(1300); // the service's own backoff would try again by now
        RunProgress later = begin();
        path.process(reg.id(), "writer", later);
        finish(later);
        assertEquals("not tried again within the hour the system asked for", 0, written.size());
    }

    @Test
    public void anActionToRetryLaterBacksOffDiesAfterTheLimitAndRunsAgainWhenPutBack() throws Exception {
        busy.add(7L);
        RunProgress first = begin();
        path.read(reg.id(), "reader", first);
        path.process(reg.id(), "writer", first);
        finish(first);
        assertEquals(ROWS - 1, written.size());
        assertEquals(List.of(ActionEntity.RETRY), statuses());

        for (int attempt = 2; attempt <= 3; attempt++) {
            Thread.sleep(attempt == 2 ? 1300 : 2600);
            RunProgress run = begin();
            path.process(reg.id(), "writer", run);
            finish(run);
        }
        assertEquals("out of its 3 attempts", List.of(ActionEntity.DEAD), statuses());
        assertEquals("the metrics count it dead", List.of(new dev.ferry.store.ActionCounts.Count(reg.workspace(), reg.id(),
                        "writer", "dead", 1)),
                data.inTransaction(dev.ferry.store.ActionCounts::all).stream()
                        .filter(c -> c.registration().equals(reg.id())).toList());

        busy.clear();
        int putBack = store.inTransaction(em -> ActionQueries.putBack(em, reg.id(), List.of(), null,
                List.of(ActionEntity.DEAD)));
        assertEquals(1, putBack);
        RunProgress replay = begin();
        path.process(reg.id(), "writer", replay);
        finish(replay);
        assertEquals(List.of(), statuses());
        assertTrue(written.contains(7L));
    }

    @Test
    public void endedActionsGoToTheCloseOutFlowAndTheActionsItMakesAreQueuedWithTheOutcomes() throws Exception {
        closeOut = true;
        reg = registration(reg.id(), new ProductDescriptor.RetryDef(2, "1s"));
        busy.add(7L);
        RunProgress first = begin();
        path.read(reg.id(), "reader", first);
        path.process(reg.id(), "writer", first);
        finish(first);
        assertEquals("each succeeded action closed out once", ROWS - 1, closedOut.size());
        assertTrue(closedOut.contains("succeeded 1 succeeded null"));
        assertEquals("the close-out's actions ran in the same step, after the copy's", 2 * (ROWS - 1), written.size());
        assertEquals("an action waiting for a retry has not ended", 0,
                closedOut.stream().filter(c -> c.contains(" 7 ")).count());

        Thread.sleep(1300);
        RunProgress second = begin();
        path.process(reg.id(), "writer", second); // the second and last attempt: dead
        finish(second);
        assertEquals("failed 7 failed locked", closedOut.get(closedOut.size() - 1));
        busy.clear();
        RunProgress third = begin();
        path.process(reg.id(), "writer", third);
        finish(third);
        assertTrue("the close-out of the dead action queued its own action", written.contains(7L));
        assertEquals(ROWS, closedOut.size());
    }

    @Test
    public void aNewerActionForTheSameRecordSupersedesAWaitingRetry() {
        busy.add(7L);
        RunProgress first = begin();
        path.read(reg.id(), "reader", first);
        path.process(reg.id(), "writer", first);
        finish(first);
        assertEquals(List.of(ActionEntity.RETRY), statuses());

        busy.clear();
        source.set(6, customer(7, "v2"));
        RunProgress second = begin();
        path.read(reg.id(), "reader", second);
        path.process(reg.id(), "writer", second);
        finish(second);
        assertEquals("the older v1 must not run after v2", List.of(), statuses());
        assertEquals(1, written.stream().filter(id -> id == 7L).count());
    }

    @Test
    public void anIncrementalReadThatBreaksOffResumesFromItsLastCheckpoint() {
        mode = ReadMode.INCREMENTAL;
        reg = registration(reg.id(), new ProductDescriptor.RetryDef(3, "1s"));
        breakAfter = 4100;
        RunProgress first = begin();
        try {
            path.read(reg.id(), "reader", first);
            fail("the read broke off");
        } catch (StepFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("connection reset"));
        }
        finish(first);
        breakAfter = -1;
        RunProgress second = begin();
        path.read(reg.id(), "reader", second);
        path.process(reg.id(), "writer", second);
        finish(second);
        assertEquals("the second read starts at the last checkpoint", java.util.Arrays.asList(null, "4000"), cursorsSeen);
        assertEquals(LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList()),
                written.stream().sorted().collect(Collectors.toList()));
    }

    /**
     * A source that lets records go only once they are safe (a queue acknowledging its messages) hears when they are
     * stored: after the records before its checkpoint were committed, in every read mode, also when the read then
     * breaks off; and never for records that were not stored.
     */
    @Test
    public void aConnectorHearsWhenTheRecordsBeforeItsCheckpointAreCommitted() {
        hearsWhenStored = true;
        breakAfter = 4100;
        RunProgress run = begin();
        try {
            path.read(reg.id(), "reader", run);
            fail("the read broke off");
        } catch (StepFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("connection reset"));
        }
        finish(run);
        assertEquals("each notice after the records before it were committed, by another connection's count",
                LongStream.rangeClosed(1, 8).mapToObj(i -> i * 500 + " of " + i * 500).toList(), heardStored);
    }

    /**
     * A connector's session lasts one step: opened at the step's first call, handed to every read and batch of it,
     * closed when the step ends, also when it fails; each step has its own.
     */
    @Test
    public void eachStepHasItsOwnSessionFromItsFirstCallToItsEndHoweverItEnds() {
        sessions = true;
        RunProgress run = begin();
        path.read(reg.id(), "reader", run);
        path.process(reg.id(), "writer", run);
        finish(run);
        breakAfter = 100;
        RunProgress failing = begin();
        try {
            path.read(reg.id(), "reader", failing);
            fail("the read broke off");
        } catch (StepFailedException expected) {
            // its session is closed all the same
        }
        finish(failing);
        List<String> events = List.copyOf(sessionEvents);
        List<String> opened = events.stream().filter(e -> e.startsWith("open ")).map(e -> e.substring(5)).toList();
        assertTrue(events.toString(), opened.size() >= 3); // the reader, the writer, the failing reader
        for (String session : opened) {
            int open = events.indexOf("open " + session);
            int close = events.indexOf("close " + session);
            assertTrue(session + " closed: " + events, close > open);
            assertEquals(session + " closed once", close, events.lastIndexOf("close " + session));
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).equals("used " + session)) {
                    assertTrue(session + " used while open: " + events, i > open && i < close);
                }
            }
        }
        assertTrue("the reads and the batches had their sessions: " + events,
                events.stream().filter(e -> e.startsWith("used ")).count() >= 3);
    }

    /** How many records the cache's journal holds for the registration, committed, seen from another connection. */
    private String committed() {
        try (java.sql.Connection c = storeSource.getConnection();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "SELECT COALESCE(SUM(entries), 0) FROM FERRY_CACHE_JOURNAL WHERE workspace = ?")) {
            s.setString(1, reg.workspace());
            try (java.sql.ResultSet r = s.executeQuery()) {
                r.next();
                return String.valueOf(r.getLong(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void aConnectorThatHangsFailsItsRunAfterTheTimeoutAndHoldsUpNoOtherRegistration() throws Exception {
        ResolvedRegistration hanging = reg;
        DataPath hangingPath = path;
        hang = true;
        RunProgress stuck = begin();
        path.read(hanging.id(), "reader", stuck);
        long started = System.nanoTime();
        java.util.concurrent.CompletableFuture<Void> other = java.util.concurrent.CompletableFuture.runAsync(() -> {
            // a second registration with a target that answers, at the same time
            ActionRetryTest second = new ActionRetryTest();
            second.registration();
            RunProgress run = second.begin();
            second.path.read(second.reg.id(), "reader", run);
            second.path.process(second.reg.id(), "writer", run);
            second.finish(run);
            assertEquals(ROWS, second.written.size());
        });
        try {
            hangingPath.process(hanging.id(), "writer", stuck);
            fail("the writer hangs");
        } catch (StepFailedException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("step writer: connector 'test' made no progress for 1s"));
            assertTrue(e.getMessage(), e.getMessage().startsWith("registration " + hanging.id()));
        }
        finish(stuck);
        assertTrue("gave up after about its timeout", System.nanoTime() - started < 20_000_000_000L);
        other.get(60, java.util.concurrent.TimeUnit.SECONDS);
        hang = false;
        RunProgress next = begin();
        path.process(hanging.id(), "writer", next);
        finish(next);
        assertEquals("what hung is run again", ROWS, written.size());
    }

    @Test
    public void aRunThePlatformStopsEndsInterruptedAndTheNextRunTakesTheRest() {
        interruptAfter = 2500;
        RunProgress first = begin();
        try {
            path.read(reg.id(), "reader", first);
            fail("the platform stopped the read");
        } catch (StepFailedException e) {
            ledger.finish(first, e);
        }
        JobRunEntity stopped = store.inTransaction(em -> em.find(JobRunEntity.class, first.runId()));
        assertEquals("interrupted", stopped.status.toLowerCase());
        assertTrue(stopped.message, stopped.message.startsWith("interrupted: the platform is stopping"));
        assertTrue("its counts are kept: " + stopped.rowsRead, stopped.rowsRead >= 2000);

        interruptAfter = -1;
        RunProgress next = begin();
        path.read(reg.id(), "reader", next);
        path.process(reg.id(), "writer", next);
        finish(next);
        assertEquals(LongStream.rangeClosed(1, ROWS).boxed().collect(Collectors.toList()),
                written.stream().sorted().distinct().collect(Collectors.toList()));
    }

    private List<String> statuses() {
        return store.inTransaction(em -> ActionQueries.list(em, reg.id(), null, null, 100)).stream()
                .map(a -> a.status).collect(Collectors.toList());
    }

    private RunProgress begin() {
        RunProgress run = ledger.begin(reg.id(), "sync", "manual (test)");
        run.registration(() -> reg);
        return run;
    }

    private void finish(RunProgress run) {
        ledger.finish(run, null);
    }

    private static DataRecord customer(long id, String version) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("name", "customer " + id + " " + version);
        return DataRecord.of(v);
    }

    private ResolvedRegistration registration(String id, ProductDescriptor.RetryDef retry) {
        DataObject object = new DataObject("customers", List.of(new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("name", FieldType.STRING, false)), List.of("id"), Config.empty());
        Connector connector = new TestSystem();
        ProductDescriptor.ServiceDef readerDef = new ProductDescriptor.ServiceDef("reader", "test", "rows", "cache-writer",
                mode.name().toLowerCase(java.util.Locale.ROOT), Map.of(), null, null, null);
        ProductDescriptor.ServiceDef writerDef = new ProductDescriptor.ServiceDef("writer", "test", "rows",
                "action-processor", null, Map.of(), null, retry, "1s");
        ProductDescriptor.FlowDef flow = new ProductDescriptor.FlowDef("copy",
                new ProductDescriptor.FlowSource("reader", List.of("inserted", "updated", "deleted")), List.of(),
                new ProductDescriptor.FlowTarget("writer", "upsert"), Map.of());
        // a close-out of the copy: each ended action's record is written again (an audit trail, in this test)
        ProductDescriptor.FlowDef audit = new ProductDescriptor.FlowDef("audit",
                ProductDescriptor.FlowSource.closeOut("copy", List.of("succeeded", "failed")), List.of(),
                new ProductDescriptor.FlowTarget("writer", "upsert"), Map.of());
        ProductDescriptor.JobDef job = new ProductDescriptor.JobDef("sync", null, List.of("reader", "writer"));
        ProductDescriptor product = new ProductDescriptor("demo", "1.0.0", "Demo", null, null, null, List.of(ProductDescriptor.ConnectorRef.of("test")),
                null, null, List.of(readerDef, writerDef), closeOut ? List.of(flow, audit) : List.of(flow), List.of(job), null);
        Map<String, ResolvedService> services = new LinkedHashMap<>();
        services.put("reader", new ResolvedService(readerDef, ServiceType.CACHE_WRITER, connector, Config.empty(), object,
                mode));
        services.put("writer", new ResolvedService(writerDef, ServiceType.ACTION_PROCESSOR, connector, Config.empty(),
                object, null));
        String workspace = id.substring(0, id.indexOf(':'));
        return new ResolvedRegistration(id, workspace, product, Map.of(), Map.of(), services, null);
    }

    /** The external system: a list to read, and a writer that fails when told to. */
    private final class TestSystem implements Connector {
        @Override
        public ConnectorInfo info() {
            return new ConnectorInfo("test", "Test system", "1.0.0", "Ferry", "in-memory rows");
        }

        @Override
        public List<ConfigField> connectionSpec() {
            return List.of();
        }

        @Override
        public List<ModuleSpec> modules() {
            return List.of();
        }

        @Override
        public ConnectionTest testConnection(Config connection) {
            return ConnectionTest.ok("in memory");
        }

        @Override
        public java.util.Optional<dev.ferry.connector.api.ConnectorSession> openSession(Config connection) {
            if (!sessions) {
                return java.util.Optional.empty();
            }
            String name = "session " + sessionsOpened.incrementAndGet();
            sessionEvents.add("open " + name);
            return java.util.Optional.of(new dev.ferry.connector.api.ConnectorSession() {
                @Override
                public void close() {
                    sessionEvents.add("close " + name);
                }

                @Override
                public String toString() {
                    return name;
                }
            });
        }

        @Override
        public CacheWriter cacheWriter(String module) {
            return context -> {
                context.session().ifPresent(used -> sessionEvents.add("used " + used));
                cursorsSeen.add(context.cursor().orElse(null));
                long from = context.cursor().map(Long::parseLong).orElse(0L);
                int emitted = 0;
                for (DataRecord r : source) {
                    long id = (Long) r.get("id");
                    if (id <= from) {
                        continue;
                    }
                    if (emitted == breakAfter) {
                        throw new ConnectorException("connection_reset", "connection reset", true);
                    }
                    if (emitted == interruptAfter) {
                        ledger.interrupt(reg.id(), "the platform is stopping");
                    }
                    if (!context.emit(r)) {
                        return context.cursor(); // asked to stop
                    }
                    emitted++;
                    if (id % 500 == 0 && hearsWhenStored) {
                        context.checkpoint(String.valueOf(id), () -> heardStored.add(id + " of " + committed()));
                    } else if (id % 500 == 0) {
                        context.checkpoint(String.valueOf(id));
                    }
                }
                return Optional.of(String.valueOf(source.size()));
            };
        }

        @Override
        public ActionProcessor actionProcessor(String module) {
            return (ActionContext context, List<Action> actions) -> {
                context.session().ifPresent(used -> sessionEvents.add("used " + used));
                if (hang) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        throw new ConnectorException("interrupted", "interrupted", true);
                    }
                }
                int batch = batches.incrementAndGet();
                if (failingBatches.remove(batch)) {
                    throw new ConnectorException("connection_refused", "the test system is down", true);
                }
                java.time.Duration leaveAlone = throttledBatches.remove(batch);
                if (leaveAlone != null) {
                    throw new ConnectorException("too_many_requests", "the test system is busy", leaveAlone, null);
                }
                List<ActionOutcome> outcomes = new ArrayList<>();
                for (Action a : actions) {
                    long id = (Long) a.record().get("id");
                    if (busy.contains(id)) {
                        outcomes.add(ActionOutcome.retryLater(a.id(), "locked", "record " + id + " is locked"));
                    } else {
                        written.add(id);
                        outcomes.add(ActionOutcome.succeeded(a.id(), null));
                    }
                }
                return outcomes;
            };
        }
    }
}

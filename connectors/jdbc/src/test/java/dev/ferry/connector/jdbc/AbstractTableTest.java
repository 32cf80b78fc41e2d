package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * What the table module does, checked against each database by a subclass. Every test works on a table of its
 * own, created by the connector and dropped afterwards.
 */
public abstract class AbstractTableTest {

    /** Crosses the start of daylight saving time in New York (the tests' zone), where local times do not exist. */
    private static final Instant T0 = Instant.parse("2024-03-10T06:30:00.123456Z");
    private static final String PASSWORD = "s3cret-Pw";

    private final JdbcConnector connector = new JdbcConnector();
    private String table;

    /** The URL of the test database. */
    protected abstract String url();

    protected String user() {
        return null;
    }

    /** A URL of this kind of database where nothing answers, carrying {@code password} as a parameter. */
    protected abstract String unreachableUrl(String password);

    /** Whether this database's rows are read with fingerprints (its driver hands each column's bytes over as they came). */
    protected boolean fingerprinted() {
        return false;
    }

    @Before
    public void nameTable() {
        table = "ferry_t" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    }

    @After
    public void dropTable() throws Exception {
        try (DatabaseSession session = DatabaseSession.open(connection());
             Statement statement = session.connection().createStatement()) {
            statement.execute("DROP TABLE " + table);
        } catch (java.sql.SQLException e) {
            // the test never created it
        }
    }

    /** Object and array fields: stored as JSON (jsonb, JSON or CLOB as the database has it), read back as they were. */
    @Test
    public void objectAndArrayFieldsAreStoredAsJsonAndReadBack() throws Exception {
        DataObject orders = new DataObject("orders", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("customer", FieldType.OBJECT, false),
                new FieldSpec("items", FieldType.ARRAY, false)),
                List.of("id"), Config.of(Map.of("table", table, "createTable", "true")));
        DataRecord first = orders.toRecord(Map.of("id", 1L, "customer", "{\"name\": \"Ada \\\"A\\\"\", \"vip\": true,"
                + " \"address\": {\"city\": \"Utrecht\"}}", "items", "[{\"sku\": \"A-1\", \"qty\": 2, \"price\": 9.95}, null]"));
        Map<String, Object> empty = new HashMap<>();
        empty.put("id", 2L);
        empty.put("customer", null);
        empty.put("items", "[]");
        DataRecord second = orders.toRecord(empty);
        assertAllSucceeded(execute(orders, List.of(new Action(1, Operation.UPSERT, first), new Action(2, Operation.INSERT, second))));
        RecordingReadContext read = read(orders, ReadMode.FULL, null);
        assertTrue(read.rejected.toString(), read.rejected.isEmpty());
        Map<Long, DataRecord> rows = byId(read.emitted);
        assertEquals(first.get("customer"), rows.get(1L).get("customer"));
        assertEquals(first.get("items"), rows.get(1L).get("items"));
        assertEquals(null, rows.get(2L).get("customer"));
        assertEquals(List.of(), rows.get(2L).get("items"));
        DataRecord changed = orders.toRecord(Map.of("id", 1L, "customer", Map.of("name", "Ada"), "items", List.of()));
        assertAllSucceeded(execute(orders, List.of(new Action(3, Operation.UPDATE, changed))));
        assertEquals(Map.of("name", "Ada"), byId(read(orders, ReadMode.FULL, null).emitted).get(1L).get("customer"));
    }

    /** Fields named like SQL keywords are columns like any other: created, written, read, and read from a cursor. */
    @Test
    public void columnsNamedLikeKeywordsWork() throws Exception {
        DataObject lines = new DataObject("lines", List.of(
                new FieldSpec("key", FieldType.INTEGER, true),
                new FieldSpec("order", FieldType.STRING, false),
                new FieldSpec("group", FieldType.INTEGER, false),
                new FieldSpec("Select", FieldType.DECIMAL, false)),
                List.of("key"), Config.of(Map.of("table", table, "createTable", "true", "cursorColumn", "group")));
        List<Action> actions = new ArrayList<>();
        for (long n = 1; n <= 3; n++) {
            actions.add(new Action(n, Operation.UPSERT, lines.toRecord(Map.of("key", n, "order", "order " + n,
                    "group", 10 * n, "Select", new BigDecimal(n + ".5")))));
        }
        assertAllSucceeded(execute(lines, actions));
        assertAllSucceeded(execute(lines, List.of(
                new Action(4, Operation.UPDATE, lines.toRecord(Map.of("key", 2L, "order", "changed", "group", 40L,
                        "Select", new BigDecimal("2.5")))),
                new Action(5, Operation.DELETE, lines.toRecord(Map.of("key", 3L, "order", "order 3", "group", 30L,
                        "Select", new BigDecimal("3.5")))))));
        RecordingReadContext full = read(lines, ReadMode.FULL, null);
        assertTrue(full.rejected.toString(), full.rejected.isEmpty());
        Map<Object, String> orders = new HashMap<>();
        full.emitted.forEach(r -> orders.put(r.get("key"), (String) r.get("order")));
        assertEquals(Map.of(1L, "order 1", 2L, "changed"), orders);
        RecordingReadContext incremental = read(lines, ReadMode.INCREMENTAL, "20");
        assertEquals("from group 20 on, in group order", List.of(2L),
                incremental.emitted.stream().map(r -> r.get("key")).toList());
        assertEquals(Optional.of("40"), incremental.cursorReturned);
    }

    @Test
    public void describesTheDatabaseItConnectsTo() {
        ConnectionTest test = connector.testConnection(connection());
        assertTrue(test.message(), test.ok());
        assertTrue(test.message(), test.message().startsWith("connected to "));
    }

    @Test
    public void discoversItsTablesWithTheirColumnsTypesAndKeys() throws Exception {
        try (DatabaseSession session = DatabaseSession.open(connection());
             Statement statement = session.connection().createStatement()) {
            statement.execute("CREATE TABLE " + table + " (id BIGINT NOT NULL, code VARCHAR(10) NOT NULL, name VARCHAR(50),"
                    + " amount DECIMAL(10,2), active BOOLEAN, born DATE, seen TIMESTAMP, PRIMARY KEY (code, id))");
            if (!session.connection().getAutoCommit()) {
                session.connection().commit();
            }
        }
        List<dev.ferry.connector.api.DiscoveredObject> found = connector.discover(connection());
        dev.ferry.connector.api.DiscoveredObject object = found.stream().filter(o -> o.name().equalsIgnoreCase(table))
                .findFirst().orElseThrow(() -> new AssertionError(table + " not among " + found));
        assertEquals("table", object.module());
        assertEquals(Map.of("table", object.name()), object.options());
        Map<String, dev.ferry.connector.api.data.FieldSpec> fields = new java.util.LinkedHashMap<>();
        object.fields().forEach(f -> fields.put(f.name().toLowerCase(java.util.Locale.ROOT), f));
        assertEquals(List.of("id", "code", "name", "amount", "active", "born", "seen"), List.copyOf(fields.keySet()));
        assertEquals(FieldType.INTEGER, fields.get("id").type());
        assertEquals(FieldType.STRING, fields.get("code").type());
        assertEquals(FieldType.DECIMAL, fields.get("amount").type());
        assertEquals(FieldType.BOOLEAN, fields.get("active").type());
        assertEquals(FieldType.DATE, fields.get("born").type());
        assertEquals(FieldType.TIMESTAMP, fields.get("seen").type());
        assertTrue(fields.get("id").required() && fields.get("code").required() && !fields.get("name").required());
        assertEquals(List.of("code", "id"), object.primaryKey().stream().map(k -> k.toLowerCase(java.util.Locale.ROOT)).toList());

        try {
            connector.discover(Config.of(Map.of("url", unreachableUrl(PASSWORD))));
            fail("an unreachable database cannot be discovered");
        } catch (dev.ferry.connector.api.ConnectorException e) {
            assertFalse(e.getMessage(), e.getMessage().contains(PASSWORD));
        }
    }

    @Test
    public void upsertsAThousandRowsThenUpdatesThem() throws Exception {
        List<ActionOutcome> created = execute(accounts(), actions(Operation.UPSERT, 1, 1000, "first"));
        assertAllSucceeded(created);
        assertEquals(1000, count());

        List<ActionOutcome> changed = execute(accounts(), actions(Operation.UPSERT, 1, 1000, "second"));
        assertAllSucceeded(changed);
        assertEquals(1000, count());
        List<DataRecord> rows = readAll();
        assertEquals(1000, rows.size());
        assertTrue(rows.stream().allMatch(r -> ((String) r.get("name")).startsWith("second ")));
        assertSameRow(row(1000, "second"), byId(rows).get(1000L));
    }

    @Test
    public void aDuplicateInsertFailsOnlyItsOwnAction() throws Exception {
        List<Action> actions = new ArrayList<>(actions(Operation.INSERT, 1, 2, "a"));
        actions.add(new Action(3, Operation.INSERT, row(1, "again")));
        actions.add(new Action(4, Operation.INSERT, row(3, "a")));

        List<ActionOutcome> outcomes = execute(accounts(), actions);

        assertTrue(outcomes.get(0).succeeded());
        assertTrue(outcomes.get(1).succeeded());
        ActionOutcome duplicate = outcomes.get(2);
        assertFalse(duplicate.succeeded());
        assertTrue("SQLState of an integrity violation, was " + duplicate.code(), duplicate.code().matches("23\\d{3}"));
        assertFalse(duplicate.errors().isEmpty());
        assertTrue(outcomes.get(3).succeeded());
        assertEquals(3, count());
        assertEquals("a 1", byId(readAll()).get(1L).get("name"));
    }

    @Test
    public void updateChangesARowAndReportsAMissingOne() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 1, "old"));

        List<ActionOutcome> outcomes = execute(accounts(), List.of(
                new Action(1, Operation.UPDATE, row(1, "new")),
                new Action(2, Operation.UPDATE, row(2, "new"))));

        assertTrue(outcomes.get(0).succeeded());
        assertEquals("not_found", outcomes.get(1).code());
        assertEquals("new 1", readAll().get(0).get("name"));
    }

    @Test
    public void deleteRemovesARowAndSucceedsWhenItIsAlreadyGone() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 2, "x"));

        List<ActionOutcome> outcomes = execute(accounts(), List.of(
                new Action(1, Operation.DELETE, DataRecord.of(Map.of("id", 1L))),
                new Action(2, Operation.DELETE, DataRecord.of(Map.of("id", 1L))),
                new Action(3, Operation.DELETE, DataRecord.of(Map.of("id", 99L)))));

        assertAllSucceeded(outcomes);
        assertEquals(List.of(2L), readAll().stream().map(r -> r.get("id")).toList());
    }

    @Test
    public void getReturnsTheRowOrNotFound() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 1, "x"));

        List<ActionOutcome> outcomes = execute(accounts(), List.of(
                new Action(1, Operation.GET, DataRecord.of(Map.of("id", 1L))),
                new Action(2, Operation.GET, DataRecord.of(Map.of("id", "2")))));

        assertTrue(outcomes.get(0).succeeded());
        assertSameRow(row(1, "x"), outcomes.get(0).output());
        assertEquals("not_found", outcomes.get(1).code());
    }

    @Test
    public void actionsTakeEffectInOrderAcrossBatches() throws Exception {
        DataObject smallBatches = accounts(Map.of("batchSize", "2"));
        List<ActionOutcome> outcomes = execute(smallBatches, List.of(
                new Action(1, Operation.UPSERT, row(1, "a")),
                new Action(2, Operation.UPSERT, row(1, "b")),
                new Action(3, Operation.GET, DataRecord.of(Map.of("id", 1L))),
                new Action(4, Operation.INSERT, row(1, "c")),
                new Action(5, Operation.DELETE, DataRecord.of(Map.of("id", 1L))),
                new Action(6, Operation.GET, DataRecord.of(Map.of("id", 1L))),
                new Action(7, Operation.INSERT, DataRecord.of(Map.of("id", 7L)))));

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), outcomes.stream().map(ActionOutcome::actionId).toList());
        assertEquals("b 1", outcomes.get(2).output().get("name"));
        assertFalse("duplicate key", outcomes.get(3).succeeded());
        assertTrue(outcomes.get(4).succeeded());
        assertEquals("not_found", outcomes.get(5).code());
        assertEquals("invalid_record", outcomes.get(6).code());
        assertTrue(outcomes.get(6).errors().get(0), outcomes.get(6).errors().get(0).contains("'name'"));
        assertEquals(0, count());
    }

    /**
     * Where the driver hands a row's bytes over as they came, each row goes with its key and a fingerprint of those
     * bytes: the same in every read of an unchanged row, another for a changed row and for each other row; elsewhere
     * rows go without.
     */
    @Test
    public void rowsGoWithAFingerprintThatChangesOnlyWithTheRow() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 20, "n"));
        Map<String, Object> nulls = new HashMap<>(Map.of("id", 21L, "name", "nulls"));
        execute(accounts(), List.of(new Action(21, Operation.INSERT, DataRecord.of(nulls))));
        RecordingReadContext first = read(accounts(), ReadMode.FULL, null);
        if (!fingerprinted()) {
            assertTrue(first.fingerprints.toString(), first.fingerprints.stream().allMatch(java.util.Objects::isNull));
            return;
        }
        Map<Long, Long> before = fingerprintsById(first);
        assertEquals(21, before.size());
        assertEquals("each row its own", 21, new java.util.HashSet<>(before.values()).size());
        for (int i = 0; i < first.emitted.size(); i++) {
            assertEquals(first.emitted.get(i).get("id"), ((Number) first.keys.get(i).get(0)).longValue());
        }
        assertEquals("an unchanged row, the same fingerprint", before, fingerprintsById(read(accounts(), ReadMode.FULL, null)));

        assertAllSucceeded(execute(accounts(), List.of(new Action(22, Operation.UPDATE, row(7, "changed")))));
        Map<Long, Long> after = fingerprintsById(read(accounts(), ReadMode.FULL, null));
        for (long id = 1; id <= 21; id++) {
            if (id == 7) {
                assertNotEquals(before.get(id), after.get(id));
            } else {
                assertEquals(before.get(id), after.get(id));
            }
        }
    }

    private static Map<Long, Long> fingerprintsById(RecordingReadContext read) {
        Map<Long, Long> byId = new HashMap<>();
        for (int i = 0; i < read.emitted.size(); i++) {
            byId.put((Long) read.emitted.get(i).get("id"), read.fingerprints.get(i));
        }
        return byId;
    }

    @Test
    public void fullReadReturnsEveryRowWithItsJavaTypes() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 60, "n"));
        Map<String, Object> nulls = new HashMap<>(Map.of("id", 61L, "name", "nulls"));
        execute(accounts(), List.of(new Action(61, Operation.INSERT, DataRecord.of(nulls))));

        RecordingReadContext context = read(accounts(), ReadMode.FULL, null);

        assertTrue(context.rejected.toString(), context.rejected.isEmpty());
        assertEquals(61, context.emitted.size());
        Map<Long, DataRecord> rows = byId(context.emitted);
        for (long id = 1; id <= 60; id++) {
            assertSameRow(row(id, "n"), rows.get(id));
        }
        DataRecord empty = rows.get(61L);
        assertNull(empty.get("balance"));
        assertNull(empty.get("active"));
        assertNull(empty.get("updated"));
        assertTrue(empty.values().containsKey("born"));
    }

    @Test
    public void incrementalReadReturnsTheRowsFromTheCursorValueOn() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 3, "v1"));

        RecordingReadContext first = read(accounts(), ReadMode.INCREMENTAL, null);
        assertEquals(List.of(1L, 2L, 3L), ids(first));
        String cursor = first.cursorReturned.orElse(null);
        assertEquals(updatedOf(3).toString(), cursor);

        Map<String, Object> moved = new LinkedHashMap<>(row(1, "v2").values());
        moved.put("updated", updatedOf(10));
        execute(accounts(), List.of(
                new Action(1, Operation.UPSERT, DataRecord.of(moved)),
                new Action(2, Operation.INSERT, row(4, "v1"))));

        // row 3 sits at the cursor value: read again (the platform's cache finds it unchanged), then what is newer
        RecordingReadContext second = read(accounts(), ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(3L, 4L, 1L), ids(second));
        assertEquals(updatedOf(10).toString(), second.cursorReturned.orElse(null));

        RecordingReadContext third = read(accounts(), ReadMode.INCREMENTAL, second.cursorReturned.orElse(null));
        assertEquals(List.of(1L), ids(third));
        assertEquals(second.cursorReturned.orElse(null), third.cursorReturned.orElse(null));
    }

    @Test
    public void aLongIncrementalReadCheckpointsAtValuesItReadInFull() throws Exception {
        int rows = TableReader.CHECKPOINT_ROWS * 2 + 5;
        for (int from = 1; from <= rows; from += 5000) {
            execute(accounts(), actions(Operation.UPSERT, from, Math.min(rows, from + 4999), "v1"));
        }
        RecordingReadContext read = read(accounts(), ReadMode.INCREMENTAL, null);
        assertEquals(rows, read.emitted.size());
        assertEquals(2, read.checkpoints.size());
        for (Map.Entry<String, Integer> checkpoint : read.checkpoints.entrySet()) {
            // every row at or before the checkpoint's value was emitted by then: resuming from it loses nothing
            Instant at = Instant.parse(checkpoint.getKey());
            long emittedUpTo = read.emitted.subList(0, checkpoint.getValue()).stream()
                    .filter(r -> !((Instant) r.get("updated")).isAfter(at)).count();
            long inTable = read.emitted.stream().filter(r -> !((Instant) r.get("updated")).isAfter(at)).count();
            assertEquals(inTable, emittedUpTo);
        }
    }

    @Test
    public void aRowCommittedLaterWithTheLastCursorValueIsReadNextTime() throws Exception {
        execute(accounts(), actions(Operation.INSERT, 1, 3, "v1"));
        RecordingReadContext first = read(accounts(), ReadMode.INCREMENTAL, null);
        String cursor = first.cursorReturned.orElseThrow();
        assertEquals(updatedOf(3).toString(), cursor);

        // a slower transaction commits a row stamped with the same value as the greatest one already read
        Map<String, Object> late = new LinkedHashMap<>(row(4, "late").values());
        late.put("updated", updatedOf(3));
        execute(accounts(), List.of(new Action(1, Operation.INSERT, DataRecord.of(late))));

        RecordingReadContext next = read(accounts(), ReadMode.INCREMENTAL, cursor);
        assertEquals(List.of(3L, 4L), sortedIds(next));
        assertEquals("late 4", byId(next.emitted).get(4L).get("name"));
        assertEquals(cursor, next.cursorReturned.orElse(null));
    }

    @Test
    public void aReadThatStopsEarlyResumesAtTheLastValueReadInFull() throws Exception {
        // ids 1 and 2 share the first value, 3 and 4 the second, 5 has the third
        List<Action> inserts = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            Map<String, Object> values = new LinkedHashMap<>(row(id, "v").values());
            values.put("updated", updatedOf((id + 1) / 2));
            inserts.add(new Action(id, Operation.INSERT, DataRecord.of(values)));
        }
        execute(accounts(), inserts);

        RecordingReadContext stoppedInSecondValue = read(accounts(), ReadMode.INCREMENTAL, null, 3);
        assertEquals(3, stoppedInSecondValue.emitted.size());
        assertEquals(updatedOf(1).toString(), stoppedInSecondValue.cursorReturned.orElse(null));

        RecordingReadContext resumed = read(accounts(), ReadMode.INCREMENTAL, updatedOf(1).toString());
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), sortedIds(resumed));
        assertEquals(updatedOf(3).toString(), resumed.cursorReturned.orElse(null));

        RecordingReadContext stoppedInFirstValue = read(accounts(), ReadMode.INCREMENTAL, null, 1);
        assertEquals(Optional.empty(), stoppedInFirstValue.cursorReturned);
        String previous = updatedOf(2).toString();
        RecordingReadContext stoppedAtPrevious = read(accounts(), ReadMode.INCREMENTAL, previous, 1);
        assertEquals(Optional.of(previous), stoppedAtPrevious.cursorReturned);
    }

    @Test
    public void aLongFullReadReadAheadGivesEveryRowAndStopsCleanlyWhenTheCallerDoes() throws Exception {
        // more rows than the read-ahead holds, fetched in many small batches
        int rows = RowPrefetch.CHUNK * RowPrefetch.AHEAD * 3 + 7;
        for (int from = 1; from <= rows; from += 2000) {
            execute(accounts(), actions(Operation.UPSERT, from, Math.min(rows, from + 1999), "v1"));
        }
        DataObject smallFetches = accounts(Map.of("batchSize", "100"));

        List<DataRecord> all = read(smallFetches, ReadMode.FULL, null).emitted;
        assertEquals(rows, all.size());
        assertEquals(rows, all.stream().map(r -> r.get("id")).distinct().count());
        assertSameRow(row(rows, "v1"), byId(all).get((long) rows));

        RecordingReadContext stopped = read(smallFetches, ReadMode.FULL, null, 300);
        assertEquals(300, stopped.emitted.size());
        assertTrue("no read-ahead thread is left running", Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("ferry-jdbc-read")));
        // the connection went back in a usable state: the table can be written and read in full again
        execute(accounts(), actions(Operation.UPDATE, 1, 1, "v2"));
        assertEquals("v2 1", byId(read(smallFetches, ReadMode.FULL, null).emitted).get(1L).get("name"));
    }

    @Test
    public void anUnreachableDatabaseIsARetriableErrorWithoutThePassword() throws Exception {
        String url = unreachableUrl(PASSWORD);
        Map<String, String> settings = new HashMap<>(Map.of("url", url, "password", PASSWORD));
        if (user() != null) {
            settings.put("user", user());
        }
        Config unreachable = Config.of(settings);

        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.cacheWriter("table")
                .read(new RecordingReadContext(unreachable, accounts(), ReadMode.FULL, null)));

        assertTrue(e.retriable());
        assertFalse(e.code().isBlank());
        assertTrue(e.getMessage(), e.getMessage().contains(Redaction.url(url)));
        assertFalse(e.getMessage(), e.getMessage().contains(PASSWORD));
        ConnectionTest test = connector.testConnection(unreachable);
        assertFalse(test.ok());
        assertFalse(test.message(), test.message().contains(PASSWORD));
    }

    @Test
    public void aMissingTableIsReportedByNameWhenItMayNotBeCreated() {
        DataObject notCreated = accounts(Map.of("createTable", "false"));

        ConnectorException e = assertThrows(ConnectorException.class, () -> execute(notCreated,
                actions(Operation.INSERT, 1, 1, "x")));

        assertFalse(e.retriable());
        assertTrue(e.getMessage(), e.getMessage().startsWith("table " + table + " in "));
    }

    @Test
    public void aReadNeverCreatesTheTableEvenWhenWritesMay() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(accounts(), ReadMode.FULL, null));
        assertTrue(e.getMessage(), e.getMessage().contains("a read creates no table"));
        assertThrows(Exception.class, this::count); // still no table

        assertAllSucceeded(execute(accounts(), actions(Operation.INSERT, 1, 1, "x"))); // a write creates it
        assertEquals(1, read(accounts(), ReadMode.FULL, null).emitted.size());
    }

    private Config connection() {
        Map<String, String> settings = new HashMap<>(Map.of("url", url()));
        if (user() != null) {
            settings.put("user", user());
        }
        return Config.of(settings);
    }

    private DataObject accounts() {
        return accounts(Map.of());
    }

    private DataObject accounts(Map<String, String> options) {
        Map<String, String> all = new HashMap<>(Map.of("table", table, "cursorColumn", "updated", "createTable", "true"));
        all.putAll(options);
        return new DataObject("accounts", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("name", FieldType.STRING, true),
                new FieldSpec("balance", FieldType.DECIMAL, false),
                new FieldSpec("active", FieldType.BOOLEAN, false),
                new FieldSpec("born", FieldType.DATE, false),
                new FieldSpec("updated", FieldType.TIMESTAMP, false)),
                List.of("id"), Config.of(all));
    }

    private static Instant updatedOf(long id) {
        return T0.plus(id, ChronoUnit.MINUTES);
    }

    private static DataRecord row(long id, String version) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", version + " " + id);
        values.put("balance", new BigDecimal(id + ".25"));
        values.put("active", id % 2 == 0);
        values.put("born", LocalDate.of(1970, 1, 1).plusDays(id * 100));
        values.put("updated", updatedOf(id));
        return DataRecord.of(values);
    }

    private static List<Action> actions(Operation operation, long fromId, long toId, String version) {
        List<Action> actions = new ArrayList<>();
        for (long id = fromId; id <= toId; id++) {
            actions.add(new Action(id, operation, row(id, version)));
        }
        return actions;
    }

    private List<ActionOutcome> execute(DataObject object, List<Action> actions) throws ConnectorException {
        List<ActionOutcome> outcomes = connector.actionProcessor("table").execute(ActionContext.of(connection(), object), actions);
        assertEquals(actions.size(), outcomes.size());
        return outcomes;
    }

    private RecordingReadContext read(DataObject object, ReadMode mode, String cursor) throws ConnectorException {
        return read(object, mode, cursor, Long.MAX_VALUE);
    }

    /** A read the platform stops after {@code stopAfter} records. */
    private RecordingReadContext read(DataObject object, ReadMode mode, String cursor, long stopAfter)
            throws ConnectorException {
        RecordingReadContext context = new RecordingReadContext(connection(), object, mode, cursor).stopAfter(stopAfter);
        context.cursorReturned = connector.cacheWriter("table").read(context);
        return context;
    }

    private List<DataRecord> readAll() throws ConnectorException {
        RecordingReadContext context = read(accounts(), ReadMode.FULL, null);
        assertTrue(context.rejected.toString(), context.rejected.isEmpty());
        return context.emitted;
    }

    private long count() throws Exception {
        try (DatabaseSession session = DatabaseSession.open(connection());
             Statement statement = session.connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Map<Long, DataRecord> byId(List<DataRecord> rows) {
        return rows.stream().collect(Collectors.toMap(r -> (Long) r.get("id"), r -> r));
    }

    private static List<Object> ids(RecordingReadContext context) {
        return context.emitted.stream().map(r -> r.get("id")).toList();
    }

    /** The ids in order of value: rows sharing a cursor value come in no particular order. */
    private static List<Long> sortedIds(RecordingReadContext context) {
        return context.emitted.stream().map(r -> (Long) r.get("id")).sorted().toList();
    }

    /** Equal field by field, with the Java type of each field; decimals compare by value (columns fix a scale). */
    private static void assertSameRow(DataRecord expected, DataRecord actual) {
        assertEquals(expected.fields(), actual.fields());
        for (String field : expected.fields()) {
            Object want = expected.get(field);
            Object got = actual.get(field);
            assertEquals(field, want.getClass(), got.getClass());
            if (want instanceof BigDecimal decimal) {
                assertEquals(field + ": " + got, 0, decimal.compareTo((BigDecimal) got));
            } else {
                assertEquals(field, want, got);
            }
        }
    }

    private static void assertAllSucceeded(List<ActionOutcome> outcomes) {
        List<ActionOutcome> failed = outcomes.stream().filter(o -> !o.succeeded()).toList();
        assertTrue(failed.toString(), failed.isEmpty());
    }

    /** A port on this machine that nothing listens on. */
    protected static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package dev.ferry.connector.api.testkit;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.read.ReadMode;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.junit.Assume.assumeTrue;

/**
 * The contract every connector keeps with the platform, as tests a connector's own test extends with a fixture: a
 * real system of the connector's kind (a database, a folder, an API) holding one data object the tests fill and
 * change. It checks what the platform relies on:
 * <ul>
 *   <li>the spec is valid: an id, a version, settings with unique names and no default for a secret, modules that do
 *       something, and the fixture's settings and object accepted by {@link Connector#validate};</li>
 *   <li>a connection test passes on the system and fails, without throwing, on one that does not answer;</li>
 *   <li>discovery finds the fixture's object with its key (unless the connector does not discover);</li>
 *   <li>a full read emits every record once, with its values; a read the platform stops ends at once;</li>
 *   <li>incremental reads keep the cursor contract of {@link dev.ferry.connector.api.read.CacheWriter}: no cursor
 *       reads everything, a returned cursor reads at least what changed since, with its new values;</li>
 *   <li>actions are idempotent: an upsert (or delete) sent twice leaves the system as sending it once;</li>
 *   <li>a system that does not answer is a retriable {@link ConnectorException}, for reads and for actions;</li>
 *   <li>a secret never shows in a connection test's message, an exception's message or the settings' toString.</li>
 * </ul>
 * Shipped in this module's test jar, beside {@link RecordingReadContext}.
 */
public abstract class ConnectorContract {

    /** How many records the fixture object holds for a test. */
    protected static final int RECORDS = 25;

    @Rule
    public Timeout timeout = new Timeout(120, TimeUnit.SECONDS);

    /** The connector under test. */
    protected abstract Connector connector();

    /** The module of the fixture object. */
    protected abstract String module();

    /** Settings that reach the fixture system. */
    protected abstract Config connection();

    /** Settings naming a system of this kind that does not answer (a closed port, a folder that is not there). */
    protected abstract Config unreachable();

    /** The fixture object: the one the tests fill, read and write, with its options. */
    protected abstract DataObject object();

    /** Record {@code n} (from 1) of the fixture object, with a value for every field, as a read gives it back. */
    protected abstract DataRecord record(int n);

    /** Makes the fixture object hold exactly these records in the system, creating what it needs. */
    protected abstract void seed(List<DataRecord> records) throws Exception;

    /**
     * Changes record {@code n} in the system the way an application would, so that an incremental read must see it
     * (a newer change time, a new file).
     *
     * @return the record as a read should now give it
     */
    protected abstract DataRecord change(int n) throws Exception;

    /**
     * Settings that carry {@code secret} as their secret (a password, a key, a token) and that fail: the system
     * refuses them or does not answer. Null when the connector has no secret settings.
     */
    protected abstract Config withSecret(String secret);

    /** Whether the connector discovers objects; discovery is optional. */
    protected boolean discovers() {
        return true;
    }

    /**
     * Whether reading takes records out of the system, as consuming a queue does: such a connector reads
     * incrementally only, and each read gives what arrived since the one before.
     */
    protected boolean consumes() {
        return false;
    }

    /** The mode of a read that should give everything there is: full, or incremental for a consuming connector. */
    private ReadMode everything() {
        return consumes() ? ReadMode.INCREMENTAL : ReadMode.FULL;
    }

    /** The name discovery gives the fixture object (e.g. a table's name as the database spells it). */
    protected String discoveredName() {
        return object().name();
    }

    private List<DataRecord> records(int count) {
        List<DataRecord> records = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            records.add(record(n));
        }
        return records;
    }

    private RecordingReadContext read(Config connection, ReadMode mode, String cursor) throws ConnectorException {
        RecordingReadContext context = new RecordingReadContext(connection, object(), mode, cursor);
        context.cursorReturned = connector().cacheWriter(module()).read(context);
        return context;
    }

    private boolean reads() {
        return connector().module(module()).serviceTypes().contains(ServiceType.CACHE_WRITER);
    }

    private boolean takes(Operation operation) {
        ModuleSpec spec = connector().module(module());
        return spec.serviceTypes().contains(ServiceType.ACTION_PROCESSOR) && spec.operations().contains(operation);
    }

    private Object key(DataRecord record) {
        return object().keyOf(record);
    }

    /** The records read, the last of each key: the platform's cache keeps the latest record of a key. */
    private Map<Object, DataRecord> byKey(List<DataRecord> emitted) {
        Map<Object, DataRecord> latest = new LinkedHashMap<>();
        emitted.forEach(r -> latest.put(key(r), r));
        return latest;
    }

    private void assertSameRecord(DataRecord expected, DataRecord actual) {
        for (FieldSpec field : object().fields()) {
            assertEquals("field '" + field.name() + "' of " + key(expected), expected.get(field.name()),
                    actual.get(field.name()));
        }
    }

    @Test
    public void theSpecIsValid() {
        Connector connector = connector();
        assertTrue("id '" + connector.info().id() + "' is lower-case letters, digits and dashes",
                connector.info().id().matches("[a-z][a-z0-9-]*"));
        assertTrue("version '" + connector.info().version() + "' is major.minor.micro",
                connector.info().version().matches("\\d+\\.\\d+\\.\\d+.*"));
        assertFalse("a name", connector.info().name().isBlank());
        Set<String> names = new HashSet<>();
        for (ConfigField field : connector.connectionSpec()) {
            assertTrue("connection setting '" + field.name() + "' is declared once", names.add(field.name()));
            assertFalse("secret '" + field.name() + "' has no default", field.secret() && field.defaultValue() != null);
            assertFalse("'" + field.name() + "' is described", field.description() == null || field.description().isBlank());
        }
        assertFalse("modules", connector.modules().isEmpty());
        for (ModuleSpec module : connector.modules()) {
            assertFalse(module.name() + " is a cache writer, an action processor or both", module.serviceTypes().isEmpty());
            assertTrue(module.name() + " takes operations as an action processor",
                    !module.serviceTypes().contains(ServiceType.ACTION_PROCESSOR) || !module.operations().isEmpty());
            Set<String> options = new HashSet<>();
            module.objectOptions().forEach(o -> assertTrue(module.name() + " option '" + o.name() + "' is declared once",
                    options.add(o.name())));
        }
        Config connection = Config.validate(connection().asMap(), connector.connectionSpec());
        connector.validate(module(), connection, object());
        assertEquals(module(), connector.module(module()).name());
    }

    @Test
    public void aConnectionTestPassesOnTheSystemAndFailsWithoutThrowingWhereNothingAnswers() {
        ConnectionTest good = connector().testConnection(connection());
        assertTrue(good.message(), good.ok());
        assertFalse("says what it reached", good.message() == null || good.message().isBlank());
        ConnectionTest bad = connector().testConnection(unreachable());
        assertFalse(bad.message(), bad.ok());
        assertFalse("says why", bad.message() == null || bad.message().isBlank());
    }

    @Test
    public void discoveryFindsTheObjectWithItsKey() throws Exception {
        assumeTrue("the connector does not discover", discovers());
        seed(records(3));
        List<DiscoveredObject> found = connector().discover(connection());
        DiscoveredObject object = found.stream()
                .filter(o -> o.module().equals(module()) && o.name().equalsIgnoreCase(discoveredName()))
                .findFirst().orElse(null);
        assertNotNull(discoveredName() + " among " + found, object);
        Set<String> fields = new HashSet<>();
        object.fields().forEach(f -> fields.add(f.name().toLowerCase(Locale.ROOT)));
        for (String key : object().primaryKey()) {
            assertTrue("key field " + key + " in " + object.fields(), fields.contains(key.toLowerCase(Locale.ROOT)));
        }
    }

    @Test
    public void aFullReadEmitsEveryRecordOnceWithItsValues() throws Exception {
        assumeTrue(reads());
        seed(records(RECORDS));
        RecordingReadContext read = read(connection(), everything(), null);
        assertTrue("nothing rejected: " + read.rejected, read.rejected.isEmpty());
        assertEquals(RECORDS, read.emitted.size());
        Map<Object, DataRecord> byKey = byKey(read.emitted);
        assertEquals("each record once", RECORDS, byKey.size());
        for (int n = 1; n <= RECORDS; n++) {
            DataRecord expected = record(n);
            DataRecord actual = byKey.get(key(expected));
            assertNotNull("record " + key(expected) + " was read", actual);
            assertSameRecord(expected, actual);
        }
    }

    @Test
    public void aReadThePlatformStopsEndsThere() throws Exception {
        assumeTrue(reads());
        seed(records(RECORDS));
        RecordingReadContext context = new RecordingReadContext(connection(), object(), everything(), null).stopAfter(5);
        connector().cacheWriter(module()).read(context);
        assertEquals("no record after the platform said it needs no more", 5, context.emitted.size());
    }

    @Test
    public void incrementalReadsKeepTheCursorContract() throws Exception {
        assumeTrue(reads());
        seed(records(RECORDS));
        RecordingReadContext first = read(connection(), ReadMode.INCREMENTAL, null);
        assertEquals("no cursor: every record", RECORDS, byKey(first.emitted).size());
        if (consumes()) {
            DataRecord changed = change(3);
            RecordingReadContext next = read(connection(), ReadMode.INCREMENTAL, first.cursorReturned.orElse(null));
            assertEquals("what arrived since the read before, and only that", List.of(key(changed)),
                    List.copyOf(byKey(next.emitted).keySet()));
            assertSameRecord(changed, next.emitted.get(next.emitted.size() - 1));
            return;
        }
        Optional<String> cursor = first.cursorReturned;
        if (cursor.isEmpty()) {
            // no cursor: every read is a full one
            assertEquals(RECORDS, byKey(read(connection(), ReadMode.INCREMENTAL, null).emitted).size());
            return;
        }
        assertTrue("at most " + 16_000 + " characters", cursor.get().length() <= 16_000);
        DataRecord changed = change(3);
        RecordingReadContext next = read(connection(), ReadMode.INCREMENTAL, cursor.get());
        DataRecord seen = byKey(next.emitted).get(key(changed));
        assertNotNull("the record changed after the cursor was given comes again", seen);
        assertSameRecord(changed, seen);
        assertTrue("a cursor comes back", next.cursorReturned.isPresent());
        for (DataRecord r : next.emitted) {
            assertTrue("every record read is one of the object's: " + r, byKey(first.emitted).containsKey(key(r)));
        }
        RecordingReadContext full = read(connection(), ReadMode.FULL, next.cursorReturned.get());
        assertEquals("a full read ignores the cursor", RECORDS, byKey(full.emitted).size());
    }

    @Test
    public void anUpsertSentTwiceLeavesWhatSendingItOnceDoes() throws Exception {
        assumeTrue(takes(Operation.UPSERT));
        seed(records(5));
        DataRecord sixth = record(6);
        for (int i = 0; i < 2; i++) {
            List<ActionOutcome> outcomes = connector().actionProcessor(module()).execute(
                    ActionContext.of(connection(), object()), List.of(new Action(i + 1, Operation.UPSERT, sixth)));
            assertEquals(1, outcomes.size());
            assertTrue(outcomes.toString(), outcomes.get(0).succeeded());
            assertEquals(i + 1, outcomes.get(0).actionId());
        }
        if (reads()) {
            Map<Object, DataRecord> byKey = byKey(read(connection(), everything(), null).emitted);
            assertEquals(6, byKey.size());
            assertSameRecord(sixth, byKey.get(key(sixth)));
        }
    }

    @Test
    public void aDeleteSentTwiceSucceedsBothTimes() throws Exception {
        assumeTrue(takes(Operation.DELETE));
        seed(records(5));
        DataRecord second = record(2);
        for (int i = 0; i < 2; i++) {
            List<ActionOutcome> outcomes = connector().actionProcessor(module()).execute(
                    ActionContext.of(connection(), object()), List.of(new Action(i + 1, Operation.DELETE, second)));
            assertTrue(outcomes.toString(), outcomes.get(0).succeeded());
        }
        if (reads()) {
            Map<Object, DataRecord> byKey = byKey(read(connection(), everything(), null).emitted);
            assertEquals(4, byKey.size());
            assertFalse(byKey.containsKey(key(second)));
        }
    }

    @Test
    public void aSystemThatDoesNotAnswerIsARetriableFailure() throws Exception {
        if (reads()) {
            try {
                read(unreachable(), everything(), null);
                fail("a read where nothing answers fails");
            } catch (ConnectorException e) {
                assertTrue("retriable: " + e.getMessage(), e.retriable());
                assertFalse("a code", e.code() == null || e.code().isBlank());
            }
        }
        Operation write = takes(Operation.UPSERT) ? Operation.UPSERT : takes(Operation.INSERT) ? Operation.INSERT : null;
        if (write != null) {
            try {
                List<ActionOutcome> outcomes = connector().actionProcessor(module()).execute(
                        ActionContext.of(unreachable(), object()), List.of(new Action(1, write, record(1))));
                assertTrue("an action that could not be sent is tried again later: " + outcomes,
                        outcomes.get(0).retryLater());
            } catch (ConnectorException e) {
                assertTrue("retriable: " + e.getMessage(), e.retriable());
            }
        }
    }

    @Test
    public void aSecretNeverShows() throws Exception {
        String secret = "Zq-" + UUID.randomUUID();
        Config connection = withSecret(secret);
        assumeTrue("the connector has no secret settings", connection != null);
        assertFalse(connection.toString().contains(secret));
        ConnectionTest test = connector().testConnection(connection);
        assertFalse("the settings with the secret fail", test.ok());
        assertFalse(test.message(), test.message().contains(secret));
        if (reads()) {
            try {
                read(connection, everything(), null);
                fail("the settings with the secret fail");
            } catch (ConnectorException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertFalse(t.toString(), String.valueOf(t.getMessage()).contains(secret));
                }
            }
        }
    }
}

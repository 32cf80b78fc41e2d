package dev.ferry.connector.amqp;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigException;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

/** Consuming and publishing on the machine's RabbitMQ: acknowledgements, bad messages, missing queues, confirms. */
public class AmqpConnectorTest {

    @Rule
    public final Rabbit rabbit = new Rabbit();

    private AmqpConnector connector = new AmqpConnector();

    @Before
    public void empty() throws Exception {
        rabbit.purge();
    }

    @After
    public void close() {
        connector.deactivate();
    }

    private DataObject object(String... options) {
        Map<String, String> o = new LinkedHashMap<>(Map.of(QueueOptions.QUEUE, rabbit.queue, QueueOptions.WAIT_MILLIS, "300"));
        for (int i = 0; i + 1 < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return DataObject.builder("orders").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("total", FieldType.DECIMAL, false)).primaryKey("id").options(Config.of(o)).build();
    }

    private void publishOrders(int from, int to) throws Exception {
        for (int i = from; i <= to; i++) {
            rabbit.publish("{\"id\": " + i + ", \"total\": " + i + ".5, \"note\": \"not a field\"}");
        }
    }

    /** A platform that stores slowly: it keeps the notices, to run them when told. */
    private static final class SlowStore implements ReadContext {
        final List<DataRecord> emitted = new ArrayList<>();
        final List<Runnable> notices = new ArrayList<>();
        private final DataObject object;

        SlowStore(DataObject object) {
            this.object = object;
        }

        @Override
        public Config connection() {
            return Rabbit.connection();
        }

        @Override
        public DataObject object() {
            return object;
        }

        @Override
        public ReadMode mode() {
            return ReadMode.INCREMENTAL;
        }

        @Override
        public Optional<String> cursor() {
            return Optional.empty();
        }

        @Override
        public boolean emit(DataRecord record) {
            emitted.add(record);
            return true;
        }

        @Override
        public void reject(String location, String reason) {
            throw new AssertionError(location + ": " + reason);
        }

        @Override
        public void checkpoint(String cursor, Runnable whenStored) {
            notices.add(whenStored);
        }
    }

    @Test
    public void messagesAreAcknowledgedOnlyOnceThePlatformHasStoredThem() throws Exception {
        publishOrders(1, 30);
        SlowStore notStoredYet = new SlowStore(object(QueueOptions.ACK_EVERY, "10"));
        connector.cacheWriter("queue").read(notStoredYet);
        assertEquals(30, notStoredYet.emitted.size());
        assertEquals("after 10, 20 and 30, and at the end", 4, notStoredYet.notices.size());
        assertEquals("taken, not yet acknowledged", 0, rabbit.ready());
        connector.deactivate(); // the platform went away before storing them
        assertEquals("nothing lost: back in the queue", 30, rabbit.ready(30));

        connector = new AmqpConnector();
        SlowStore stored = new SlowStore(object(QueueOptions.ACK_EVERY, "10"));
        connector.cacheWriter("queue").read(stored);
        assertEquals(30, stored.emitted.size());
        stored.notices.get(0).run(); // the first 10 stored, then the platform went away
        connector.deactivate();
        assertEquals("the 20 not stored come back", 20, rabbit.ready(20));

        connector = new AmqpConnector();
        RecordingReadContext all = new RecordingReadContext(Rabbit.connection(), object(), ReadMode.INCREMENTAL, null);
        connector.cacheWriter("queue").read(all);
        assertEquals(20, all.emitted.size());
        assertEquals(Set.of(), all.rejected.keySet());
        connector.deactivate();
        assertEquals("stored and acknowledged: gone from the queue", 0, rabbit.ready());
    }

    @Test
    public void aMessageThatIsNotARecordIsRejectedAndTheOthersRead() throws Exception {
        rabbit.publish("not json");
        rabbit.publish("[1, 2]");
        rabbit.publish("{\"total\": 3}");
        publishOrders(4, 5);
        RecordingReadContext read = new RecordingReadContext(Rabbit.connection(), object(), ReadMode.INCREMENTAL, null);
        connector.cacheWriter("queue").read(read);
        assertEquals(List.of(4L, 5L), read.emitted.stream().map(r -> r.get("id")).toList());
        String q = "queue " + rabbit.queue + " message ";
        assertEquals(List.of(q + "1", q + "2", q + "3"), List.copyOf(read.rejected.keySet()));
        assertTrue(read.rejected.get(q + "1"), read.rejected.get(q + "1").startsWith("the body is not JSON: Unrecognized token 'not'"));
        assertTrue(read.rejected.get(q + "2"), read.rejected.get(q + "2").startsWith("the body is a JSON array, not a JSON object"));
        assertTrue(read.rejected.get(q + "3"), read.rejected.get(q + "3").startsWith("field 'id' is required but empty;"
                + " rejected without requeueing"));
        connector.deactivate();
        assertEquals(0, rabbit.ready());
    }

    @Test
    public void aReadTakesAtMostItsMostAndLeavesTheRestForTheNextRun() throws Exception {
        publishOrders(1, 30);
        RecordingReadContext read = new RecordingReadContext(Rabbit.connection(), object(QueueOptions.MAX_MESSAGES, "12"),
                ReadMode.INCREMENTAL, null);
        connector.cacheWriter("queue").read(read);
        assertEquals(12, read.emitted.size());
        assertEquals(18, rabbit.ready(18));
    }

    @Test
    public void aMissingQueueIsAClearFailureUnlessTheObjectDeclaresIt() throws Exception {
        String name = "ferry-missing-" + UUID.randomUUID();
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.cacheWriter("queue").read(
                new RecordingReadContext(Rabbit.connection(), object(QueueOptions.QUEUE, name), ReadMode.INCREMENTAL, null)));
        assertEquals("queue_missing", e.code());
        assertFalse(e.retriable());
        assertEquals("queue '" + name + "' does not exist at 127.0.0.1:5672 (virtual host /); create it, or set the"
                + " object's option declare=true", e.getMessage());

        RecordingReadContext declared = new RecordingReadContext(Rabbit.connection(),
                object(QueueOptions.QUEUE, name, QueueOptions.DECLARE, "true"), ReadMode.INCREMENTAL, null);
        assertEquals(Optional.empty(), connector.cacheWriter("queue").read(declared));
        List<ActionOutcome> sent = connector.actionProcessor("queue").execute(ActionContext.of(Rabbit.connection(),
                object(QueueOptions.QUEUE, name)), List.of(new Action(1, Operation.INSERT, order(1))));
        assertTrue(sent.get(0).succeeded());
    }

    @Test
    public void aQueueIsReadIncrementallyOnly() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.cacheWriter("queue").read(
                new RecordingReadContext(Rabbit.connection(), object(), ReadMode.FULL, null)));
        assertEquals("full_read", e.code());
        assertFalse(e.retriable());
    }

    private static DataRecord order(long id) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("total", new java.math.BigDecimal("9.90"));
        return DataRecord.of(values);
    }

    @Test
    public void actionsArePublishedAsJsonWithTheirOperationOnceTheBrokerConfirms() throws Exception {
        List<ActionOutcome> outcomes = connector.actionProcessor("queue").execute(ActionContext.of(Rabbit.connection(),
                object()), List.of(new Action(7, Operation.INSERT, order(1)), new Action(8, Operation.UPSERT, order(2)),
                new Action(9, Operation.UPDATE, order(3))));
        assertTrue(outcomes.stream().allMatch(ActionOutcome::succeeded));
        assertEquals(List.of(7L, 8L, 9L), outcomes.stream().map(ActionOutcome::actionId).toList());
        assertEquals(List.of("insert {\"id\":1,\"total\":9.90}", "upsert {\"id\":2,\"total\":9.90}",
                "update {\"id\":3,\"total\":9.90}"), rabbit.drain());
    }

    @Test
    public void objectAndArrayFieldsTravelNestedInTheMessage() throws Exception {
        DataObject shipments = DataObject.builder("shipments").field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("to", FieldType.OBJECT, false)).field(new FieldSpec("parcels", FieldType.ARRAY, false))
                .primaryKey("id").options(Config.of(Map.of(QueueOptions.QUEUE, rabbit.queue, QueueOptions.WAIT_MILLIS, "300")))
                .build();
        DataRecord sent = shipments.toRecord(Map.of("id", 1L, "to", Map.of("city", "Utrecht"), "parcels", List.of(1, 2)));
        connector.actionProcessor("queue").execute(ActionContext.of(Rabbit.connection(), shipments),
                List.of(new Action(1, Operation.UPSERT, sent)));
        RecordingReadContext read = new RecordingReadContext(Rabbit.connection(), shipments, ReadMode.INCREMENTAL, null);
        connector.cacheWriter("queue").read(read);
        assertEquals(List.of(sent), read.emitted);
    }

    @Test
    public void aMessageNoQueueTakesFailsItsActionAndAMissingExchangeTheBatch() throws Exception {
        List<ActionOutcome> outcomes = connector.actionProcessor("queue").execute(ActionContext.of(Rabbit.connection(),
                object(QueueOptions.EXCHANGE, "amq.direct", QueueOptions.ROUTING_KEY, "nobody-" + UUID.randomUUID())),
                List.of(new Action(1, Operation.INSERT, order(1))));
        assertEquals("unroutable", outcomes.get(0).code());
        assertFalse(outcomes.get(0).retryLater());

        ConnectorException e = assertThrows(ConnectorException.class, () -> connector.actionProcessor("queue").execute(
                ActionContext.of(Rabbit.connection(), object(QueueOptions.EXCHANGE, "no-such-exchange")),
                List.of(new Action(1, Operation.INSERT, order(1)))));
        assertEquals("exchange_missing", e.code());
        assertFalse(e.retriable());
    }

    @Test
    public void refusesSettingsItCannotUseNamingEach() {
        ConfigException e = assertThrows(ConfigException.class, () -> connector.validate("queue",
                Config.of(Map.of(BrokerSettings.URL, "http://127.0.0.1:5672", BrokerSettings.TIMEOUT, "0")), object()));
        assertEquals(Map.of("url", "'http://127.0.0.1:5672' is not an amqp or amqps URL",
                "timeoutSeconds", "'0' is not between 1 and 3600"), problems(e));
        e = assertThrows(ConfigException.class, () -> connector.validate("queue", Rabbit.connection(),
                object(QueueOptions.MAX_MESSAGES, "0", QueueOptions.ACK_EVERY, "lots")));
        assertEquals(Map.of("maxMessages", "'0' is not a whole number between 1 and 10000000",
                "ackEvery", "'lots' is not a whole number between 1 and 65535"), problems(e));
        assertTrue(connector.testConnection(Rabbit.connection()).message().startsWith("connected to RabbitMQ "));
    }

    private static Map<String, String> problems(ConfigException e) {
        return e.problems().stream().collect(Collectors.toMap(ConfigException.Problem::field, ConfigException.Problem::reason));
    }
}

package dev.ferry.connector.amqp;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.testkit.ConnectorContract;
import org.junit.After;
import org.junit.ClassRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** amqp keeps the connector contract on the machine's RabbitMQ: a queue is consumed, and published to. */
public class AmqpContractTest extends ConnectorContract {

    @ClassRule
    public static final Rabbit RABBIT = new Rabbit();

    private final AmqpConnector connector = new AmqpConnector();

    @After
    public void closeConnector() {
        connector.deactivate();
    }

    @Override
    protected Connector connector() {
        return connector;
    }

    @Override
    protected String module() {
        return AmqpConnector.MODULE;
    }

    @Override
    protected boolean consumes() {
        return true;
    }

    /** AMQP cannot list a broker's queues. */
    @Override
    protected boolean discovers() {
        return false;
    }

    @Override
    protected Config connection() {
        return Rabbit.connection();
    }

    @Override
    protected Config unreachable() {
        return Config.of(Map.of(BrokerSettings.URL, "amqp://127.0.0.1:" + freePort() + "/%2F",
                BrokerSettings.TIMEOUT, "5"));
    }

    @Override
    protected DataObject object() {
        return DataObject.builder("contacts")
                .field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false))
                .field(new FieldSpec("score", FieldType.DECIMAL, false))
                .primaryKey("id")
                .options(Config.of(Map.of(QueueOptions.QUEUE, RABBIT.queue, QueueOptions.ACK_EVERY, "10",
                        QueueOptions.WAIT_MILLIS, "500")))
                .build();
    }

    @Override
    protected DataRecord record(int n) {
        return contact(n, "Contact " + n);
    }

    private static DataRecord contact(long id, String name) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("score", new java.math.BigDecimal(id + ".25"));
        return DataRecord.of(values);
    }

    @Override
    protected void seed(List<DataRecord> records) throws Exception {
        RABBIT.purge();
        for (DataRecord r : records) {
            RABBIT.publish(r);
        }
    }

    /** A change arrives as a new message holding the record as it is now. */
    @Override
    protected DataRecord change(int n) throws Exception {
        DataRecord changed = contact(n, "Changed " + n);
        RABBIT.publish(changed);
        return changed;
    }

    /** The broker's user with a password it refuses. */
    @Override
    protected Config withSecret(String secret) {
        return Rabbit.connection(BrokerSettings.PASSWORD, secret);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.ferry.connector.amqp;

import com.rabbitmq.client.Connection;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.CacheWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.util.List;
import java.util.Set;

/**
 * Connector {@code amqp}: queues of an AMQP 0-9-1 broker (RabbitMQ) holding JSON messages. A queue is consumed as a
 * cache writer, each message acknowledged only once the platform has stored its record, and published to as an
 * action processor, with publisher confirms.
 */
@Component(service = Connector.class)
public class AmqpConnector implements Connector {

    static final String MODULE = "queue";

    private final Brokers brokers = new Brokers();
    private final OpenReads reads = new OpenReads();
    private final ConnectorInfo info = ConnectorInfo.builder("amqp").name("AMQP queues (RabbitMQ)")
            .version(ConnectorInfo.buildVersion(AmqpConnector.class)).vendor("Ferry")
            .description("Consumes and publishes JSON messages on the queues of an AMQP 0-9-1 broker such as RabbitMQ.")
            .build();

    /** Reads still open give their unacknowledged messages back; connections close. */
    @Deactivate
    void deactivate() {
        reads.closeAll();
        brokers.closeAll();
    }

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public List<ConfigField> connectionSpec() {
        return BrokerSettings.fields();
    }

    @Override
    public List<ModuleSpec> modules() {
        return List.of(new ModuleSpec(MODULE, "A queue: each message is a JSON object holding one record",
                Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR), QueuePublisher.OPERATIONS,
                QueueOptions.fields()));
    }

    @Override
    public void validate(String module, Config connection, DataObject object) {
        requireModule(module);
        BrokerSettings.of(connection);
        QueueOptions.of(object);
    }

    @Override
    public ConnectionTest testConnection(Config connection) {
        BrokerSettings settings = BrokerSettings.of(connection);
        try {
            Connection c = brokers.connection(connection, settings);
            Object product = c.getServerProperties().get("product");
            Object version = c.getServerProperties().get("version");
            return ConnectionTest.ok("connected to " + (product == null ? "the broker" : product + " " + version)
                    + " at " + settings.where() + " as " + settings.user());
        } catch (ConnectorException e) {
            return ConnectionTest.failed(e.getMessage());
        }
    }

    @Override
    public CacheWriter cacheWriter(String module) {
        requireModule(module);
        return new QueueReader(brokers, reads);
    }

    @Override
    public ActionProcessor actionProcessor(String module) {
        requireModule(module);
        return new QueuePublisher(brokers);
    }

    private static void requireModule(String module) {
        if (!MODULE.equals(module)) {
            throw new IllegalArgumentException("connector 'amqp' has no module '" + module + "' (expected queue)");
        }
    }
}

package dev.ferry.connector.amqp;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;

import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The broker connections in use, one per distinct set of settings, shared by every read and batch with those
 * settings; each read or batch has a channel of its own. A connection the broker closed is opened again when next
 * needed.
 */
final class Brokers {

    private final Map<Config, Connection> open = new HashMap<>();

    /** A new channel on the connection for these settings. */
    Channel channel(Config connection) throws ConnectorException {
        BrokerSettings settings = BrokerSettings.of(connection);
        Connection c = connection(connection, settings);
        try {
            return c.createChannel();
        } catch (IOException e) {
            throw failure(settings, "could not open a channel", e);
        }
    }

    /** The open connection for these settings, opened when there is none. */
    Connection connection(Config connection, BrokerSettings settings) throws ConnectorException {
        synchronized (open) {
            Connection c = open.get(connection);
            if (c != null && c.isOpen()) {
                return c;
            }
            ConnectionFactory factory = new ConnectionFactory();
            try {
                factory.setUri(settings.url());
            } catch (Exception e) {
                throw new ConnectorException("invalid_url", "'" + settings.url() + "' is not a broker URL: " + e.getMessage(),
                        false, null);
            }
            factory.setUsername(settings.user());
            factory.setPassword(settings.password());
            factory.setConnectionTimeout(settings.timeoutSeconds() * 1000);
            factory.setHandshakeTimeout(settings.timeoutSeconds() * 1000);
            // Ferry's runs retry on their own schedule; a half-recovered connection would hide a failure
            factory.setAutomaticRecoveryEnabled(false);
            try {
                c = factory.newConnection("ferry");
            } catch (IOException | TimeoutException e) {
                throw failure(settings, "could not connect", e);
            }
            open.put(connection, c);
            return c;
        }
    }

    /** A broker's refusal or silence as a classified failure, without the password. */
    static ConnectorException failure(BrokerSettings settings, String what, Exception e) {
        if (e instanceof AuthenticationFailureException || e instanceof PossibleAuthenticationFailureException) {
            return new ConnectorException("unauthorized", "the broker at " + settings.where() + " refused user '"
                    + settings.user() + "' (wrong password, or no access to the virtual host)", false, null);
        }
        String reason = e instanceof ConnectException ? "connection refused"
                : e instanceof TimeoutException ? "no answer within " + settings.timeoutSeconds() + " s"
                : String.valueOf(e.getMessage());
        String message = what + " to the broker at " + settings.where() + ": " + reason;
        if (!settings.password().isEmpty()) {
            message = message.replace(settings.password(), "***");
        }
        return new ConnectorException("unreachable", message, true, null);
    }

    /** Closes every connection (the connector is going away); unacknowledged messages go back to their queues. */
    void closeAll() {
        List<Connection> closing;
        synchronized (open) {
            closing = new ArrayList<>(open.values());
            open.clear();
        }
        for (Connection c : closing) {
            try {
                c.close(5_000);
            } catch (IOException | RuntimeException e) {
                // it is being discarded
            }
        }
    }
}

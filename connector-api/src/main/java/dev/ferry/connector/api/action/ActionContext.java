package dev.ferry.connector.api.action;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import org.osgi.annotation.versioning.ProviderType;

/** What a batch of actions is about. Supplied by the platform. */
@ProviderType
public interface ActionContext {

    /** Connection settings, validated against the connector's connection spec. */
    Config connection();

    /** The data object the actions act on, with its options. */
    DataObject object();

    /**
     * The session the connector opened for this step ({@link dev.ferry.connector.api.Connector#openSession}), if it
     * opens one.
     *
     * @since action 1.1
     */
    default java.util.Optional<dev.ferry.connector.api.ConnectorSession> session() {
        return java.util.Optional.empty();
    }

    /** A fixed context, e.g. for a connector's own tests. */
    static ActionContext of(Config connection, DataObject object) {
        return new ActionContext() {
            @Override
            public Config connection() {
                return connection;
            }

            @Override
            public DataObject object() {
                return object;
            }
        };
    }
}

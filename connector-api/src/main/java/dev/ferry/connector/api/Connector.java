package dev.ferry.connector.api;

import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.CacheWriter;
import org.osgi.annotation.versioning.ConsumerType;

import java.util.List;

/**
 * A connector to one kind of external system. Register an implementation as an OSGi service of this
 * interface (for example with a Declarative Services {@code @Component}); the platform picks it up, and drops
 * it again, while running.
 *
 * <p>Implementations are stateless between calls and safe for concurrent use: every call carries the
 * connection settings and the data object it is about.
 */
@ConsumerType
public interface Connector {

    /** Who this connector is: id (unique in a platform), name, version and vendor. */
    ConnectorInfo info();

    /** The settings a connection needs (e.g. a directory, a JDBC URL, a password), declared as data. */
    List<ConfigField> connectionSpec();

    /** The modules this connector offers, e.g. {@code table} for a database or {@code csv} for files. */
    List<ModuleSpec> modules();

    /**
     * Checks that a connection with these settings works (reachable, credentials accepted).
     * Never throws for a failed connection: the outcome says why.
     *
     * @param connection settings already validated against {@link #connectionSpec()}
     */
    ConnectionTest testConnection(Config connection);

    /**
     * The cache-writer side of a module.
     *
     * @throws IllegalArgumentException if the module does not exist or cannot be read
     */
    CacheWriter cacheWriter(String module);

    /**
     * The action-processor side of a module.
     *
     * @throws IllegalArgumentException if the module does not exist or does not take actions
     */
    ActionProcessor actionProcessor(String module);

    /**
     * Checks a service's settings beyond their declared types, without connecting: for example that a table name
     * is an SQL identifier or a file pattern a valid glob. The platform calls it when a product is registered, so
     * such mistakes are refused before anything runs. The default accepts everything.
     *
     * @param module     the module the service uses
     * @param connection connection settings, already checked against {@link #connectionSpec()}
     * @param object     the data object with its options, already checked against the module's option fields
     * @throws ConfigException naming each setting (or field) that cannot be used, and why
     */
    default void validate(String module, Config connection, DataObject object) {
    }

    /**
     * The data objects a connection can see, with their fields and keys as far as the system tells them: tables of a
     * database, files of a folder, queues of a broker. The platform offers them to product authors
     * ({@code POST /connectors/{id}/discover}, {@code ferry:connector-discover}), so they pick objects instead of
     * declaring every field. Return at most a few hundred; the default sees none.
     *
     * @param connection settings already validated against {@link #connectionSpec()}
     * @throws ConnectorException when the system cannot be reached or refuses the connection (classified retriable
     *                            or not, as for reads); its message must not hold a secret
     * @since connector API 1.1
     */
    default List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        return List.of();
    }

    /**
     * Opens what one step of a run needs, for all its reads or batches: a pool, a token, a rate limiter. The platform
     * calls it once per step that reads or writes, hands the session to every call of that step through its context,
     * and closes it when the step ends. The default opens none: each call then works on its own.
     *
     * @param connection settings already validated against {@link #connectionSpec()}
     * @throws ConnectorException when the system cannot be reached or refuses the connection; the step fails (or is
     *                            retried) as when a read or batch throws it
     * @since connector API 1.1
     */
    default java.util.Optional<ConnectorSession> openSession(Config connection) throws ConnectorException {
        return java.util.Optional.empty();
    }

    /** The module with this name. */
    default ModuleSpec module(String name) {
        return modules().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "connector '" + info().id() + "' has no module '" + name + "'"));
    }
}

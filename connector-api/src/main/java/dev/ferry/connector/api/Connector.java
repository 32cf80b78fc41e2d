package dev.ferry.connector.api;

import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.read.CacheWriter;

import java.util.List;

/**
 * A connector to one kind of external system. Register an implementation as an OSGi service of this
 * interface (for example with a Declarative Services {@code @Component}); the platform picks it up, and drops
 * it again, while running.
 *
 * <p>Implementations are stateless between calls and safe for concurrent use: every call carries the
 * connection settings and the data object it is about.
 */
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

    /** The module with this name. */
    default ModuleSpec module(String name) {
        return modules().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "connector '" + info().id() + "' has no module '" + name + "'"));
    }
}

package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConfigField;
import dev.ferry.connector.api.ConfigType;
import dev.ferry.connector.api.ConnectionTest;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.ConnectorInfo;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.ModuleSpec;
import dev.ferry.connector.api.ServiceType;
import dev.ferry.connector.api.action.ActionProcessor;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.read.CacheWriter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Connector {@code jdbc}: tables of Derby (embedded and network), PostgreSQL and MariaDB/MySQL databases, read
 * fully or incrementally by a cursor column and written with insert, update, upsert, delete and get.
 */
@Component(service = Connector.class)
public class JdbcConnector implements Connector {

    static final String MODULE = "table";

    /** Connections kept for the next batch close with the connector. */
    @Deactivate
    void deactivate() {
        IdleConnections.closeAll();
    }

    private final ConnectorInfo info = new ConnectorInfo("jdbc", "JDBC databases",
            ConnectorInfo.buildVersion(JdbcConnector.class), "Ferry",
            "Reads and writes tables of Derby, PostgreSQL and MariaDB/MySQL databases.");

    @Override
    public ConnectorInfo info() {
        return info;
    }

    @Override
    public List<ConfigField> connectionSpec() {
        return List.of(
                ConfigField.required(DatabaseSession.URL, ConfigType.URI, "JDBC URL: jdbc:derby:, jdbc:derby://, "
                        + "jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:"),
                ConfigField.optional(DatabaseSession.USER, ConfigType.STRING, null, "Database user"),
                ConfigField.secret(DatabaseSession.PASSWORD, "Password of the database user"));
    }

    /** The tables and views of the connection's own schema, with their columns and primary keys. */
    @Override
    public List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        return TableDiscovery.discover(connection);
    }

    @Override
    public void validate(String module, Config connection, DataObject object) {
        TableObject.of(object);
    }

    @Override
    public List<ModuleSpec> modules() {
        return List.of(new ModuleSpec(MODULE,
                "A database table: rows are records, columns are named like the fields",
                Set.of(ServiceType.CACHE_WRITER, ServiceType.ACTION_PROCESSOR),
                EnumSet.allOf(Operation.class),
                TableObject.options()));
    }

    @Override
    public ConnectionTest testConnection(Config connection) {
        try (DatabaseSession session = DatabaseSession.open(connection)) {
            DatabaseMetaData database = session.connection().getMetaData();
            return ConnectionTest.ok("connected to " + database.getDatabaseProductName() + " "
                    + database.getDatabaseProductVersion());
        } catch (ConnectorException e) {
            return ConnectionTest.failed(e.getMessage());
        } catch (SQLException e) {
            return ConnectionTest.failed("connected, but the database does not describe itself: " + e.getMessage());
        }
    }

    @Override
    public CacheWriter cacheWriter(String module) {
        requireModule(module);
        return new TableReader();
    }

    @Override
    public ActionProcessor actionProcessor(String module) {
        requireModule(module);
        return new TableActionProcessor();
    }

    private static void requireModule(String module) {
        if (!MODULE.equals(module)) {
            throw new IllegalArgumentException("connector 'jdbc' has no module '" + module + "' (expected table)");
        }
    }
}

package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.ConnectorException;

import java.sql.Driver;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The databases the connector speaks to, recognised by URL prefix. Drivers are instantiated directly: the
 * {@code DriverManager} only sees drivers on its caller's class path, which across OSGi bundles is none of them.
 */
enum Database {
    // before DERBY_EMBEDDED: its prefix is a prefix of this one's
    DERBY_NETWORK(SqlDialect.DERBY, () -> new org.apache.derby.jdbc.ClientDriver(), "jdbc:derby://"),
    DERBY_EMBEDDED(SqlDialect.DERBY, () -> new org.apache.derby.jdbc.EmbeddedDriver(), "jdbc:derby:"),
    POSTGRESQL(SqlDialect.POSTGRESQL, () -> new org.postgresql.Driver(), "jdbc:postgresql:"),
    MARIADB(SqlDialect.MARIADB, () -> new org.mariadb.jdbc.Driver(), "jdbc:mariadb:", "jdbc:mysql:");

    private final SqlDialect dialect;
    private final Supplier<Driver> driver;
    private final List<String> prefixes;

    Database(SqlDialect dialect, Supplier<Driver> driver, String... prefixes) {
        this.dialect = dialect;
        this.driver = driver;
        this.prefixes = List.of(prefixes);
    }

    static Database forUrl(String url, String redactedUrl) throws ConnectorException {
        for (Database database : values()) {
            if (database.prefixes.stream().anyMatch(url::startsWith)) {
                return database;
            }
        }
        throw new ConnectorException("unsupported_url", "no driver for " + redactedUrl + " (supported: "
                + String.join(", ", Arrays.stream(values()).flatMap(d -> d.prefixes.stream()).toList()) + ")", false);
    }

    SqlDialect dialect() {
        return dialect;
    }

    Driver driver() {
        return driver.get();
    }

    /** MariaDB Connector/J 3 takes {@code jdbc:mysql:} only with an extra flag; the servers speak the same protocol. */
    String driverUrl(String url) {
        return url.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + url.substring("jdbc:mysql:".length()) : url;
    }
}

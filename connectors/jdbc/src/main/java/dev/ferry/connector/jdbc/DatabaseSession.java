package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/** One open connection, with what is needed to speak to it and to report its failures without the password. */
final class DatabaseSession implements AutoCloseable {

    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";

    private final Connection connection;
    private final SqlDialect dialect;
    private final String redactedUrl;

    private DatabaseSession(Connection connection, SqlDialect dialect, String redactedUrl) {
        this.connection = connection;
        this.dialect = dialect;
        this.redactedUrl = redactedUrl;
    }

    /**
     * Connects with the connection settings.
     *
     * @throws ConnectorException retriable, coded with the SQLState (or {@code connection_failed}), naming the
     *                            URL without its password
     */
    static DatabaseSession open(Config settings) throws ConnectorException {
        String url = settings.string(URL);
        String password = settings.get(PASSWORD).orElse(null);
        String redactedUrl = Redaction.url(url);
        Database database = Database.forUrl(url, redactedUrl);
        Properties properties = new Properties();
        settings.get(USER).ifPresent(user -> properties.setProperty("user", user));
        if (password != null) {
            properties.setProperty("password", password);
        }
        try {
            Connection connection = database.driver().connect(database.driverUrl(url), properties);
            if (connection == null) {
                throw new ConnectorException("unsupported_url", "the driver does not accept " + redactedUrl, false);
            }
            return new DatabaseSession(connection, database.dialect(), redactedUrl);
        } catch (SQLException | RuntimeException e) {
            List<String> secrets = Redaction.secrets(url, password);
            String message = Redaction.message(e.getMessage(), secrets);
            String code = e instanceof SQLException sql ? SqlFailures.code(sql, "connection_failed") : "connection_failed";
            // the cause is left out only if it would show a password
            boolean echoesSecret = !message.equals(e.getMessage() == null ? "" : e.getMessage());
            Throwable cause = echoesSecret ? null : e;
            throw new ConnectorException(code, "cannot connect to " + redactedUrl + ": " + message, true, cause);
        }
    }

    Connection connection() {
        return connection;
    }

    SqlDialect dialect() {
        return dialect;
    }

    String url() {
        return redactedUrl;
    }

    /**
     * The failure of a whole read or batch: retriable when the connection broke, since the next run may find the
     * database back.
     */
    ConnectorException failure(String doing, SQLException e) {
        return new ConnectorException(SqlFailures.code(e, "sql_error"),
                doing + " in " + redactedUrl + " failed: " + e.getMessage(), SqlFailures.isConnectionLost(e), e);
    }

    /** Rolls back what was not committed: Derby refuses to close a connection inside a transaction. */
    @Override
    public void close() {
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // the connection is being discarded; closing it below is all that matters
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // nothing left to release
            }
        }
    }
}

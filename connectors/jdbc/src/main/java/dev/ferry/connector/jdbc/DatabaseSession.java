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
    private final String settingsKey;
    private boolean broken;

    private DatabaseSession(Connection connection, SqlDialect dialect, String redactedUrl, String settingsKey) {
        this.connection = connection;
        this.dialect = dialect;
        this.redactedUrl = redactedUrl;
        this.settingsKey = settingsKey;
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
        String settingsKey = url + '\u0000' + settings.get(USER).orElse("") + '\u0000' + (password == null ? "" : password);
        Connection idle = IdleConnections.take(settingsKey);
        if (idle != null) {
            return new DatabaseSession(idle, database.dialect(), redactedUrl, settingsKey);
        }
        try {
            Connection connection = database.driver().connect(database.driverUrl(url), properties);
            if (connection == null) {
                throw new ConnectorException("unsupported_url", "the driver does not accept " + redactedUrl, false);
            }
            return new DatabaseSession(connection, database.dialect(), redactedUrl, settingsKey);
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
     * Says the connection must not be kept for another session: it is closed when this one is (a copy stopped
     * before its end, say, whose rows the server may still be sending).
     */
    void discard() {
        broken = true;
    }

    /** Whether the connection is still in a state to use: not after {@link #discard()} nor a lost connection. */
    boolean usable() {
        return !broken;
    }

    /**
     * The failure of a whole read or batch: retriable when the connection broke, since the next run may find the
     * database back.
     */
    ConnectorException failure(String doing, SQLException e) {
        broken |= SqlFailures.isConnectionLost(e);
        return new ConnectorException(SqlFailures.code(e, "sql_error"),
                doing + " in " + redactedUrl + " failed: " + e.getMessage(), SqlFailures.isConnectionLost(e), e);
    }

    /**
     * Rolls back what was not committed (Derby refuses to close a connection inside a transaction) and keeps the
     * connection for the next session with the same settings, unless it broke.
     */
    @Override
    public void close() {
        try {
            if (!broken && !connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
                IdleConnections.put(settingsKey, connection);
                return;
            }
        } catch (SQLException e) {
            // it cannot be reused; it is closed below
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing left to release
        }
    }
}

package dev.ferry.connector.jdbc;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** How an SQLException is reported: its SQLState as the code, and whether the connection itself is gone. */
final class SqlFailures {

    private SqlFailures() {
    }

    static String code(SQLException e, String fallback) {
        String state = e.getSQLState();
        return state == null || state.isBlank() ? fallback : state;
    }

    /** SQLState class 08 is "connection exception": nothing more can be done on this connection. */
    static boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException
                || (state != null && state.startsWith("08"));
    }

    /**
     * Whether the same statement may pass later: a deadlock, a serialization failure or a lock wait that timed out
     * (another transaction held the row).
     */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return e instanceof java.sql.SQLTransientException
                || (state != null && (state.startsWith("40") || state.equals("55P03")))
                || e.getErrorCode() == 1205; // MariaDB/MySQL lock wait timeout (SQLState HY000)
    }
}

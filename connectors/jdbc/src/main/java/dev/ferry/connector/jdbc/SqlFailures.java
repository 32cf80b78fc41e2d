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
}

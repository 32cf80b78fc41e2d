package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.ConnectorException;

import java.sql.SQLException;
import java.sql.Statement;

/** Makes sure a table can be used before any record is touched, creating it when the object asks for that. */
final class TableSetup {

    private TableSetup() {
    }

    /**
     * Checks (and, for writing with {@code createTable}, creates) the table, in autocommit mode so a failed probe
     * leaves no broken transaction. A read never creates anything.
     *
     * @param writing whether actions are about to be written (only then may the table be created)
     * @throws ConnectorException when the table or a column is missing: not retriable, someone has to fix the
     *                            table or the object; retriable when the connection broke
     */
    static void ensureUsable(DatabaseSession session, TableObject table, TableSql sql, boolean writing)
            throws ConnectorException {
        SQLException problem = probe(session, sql);
        if (problem == null) {
            return;
        }
        if (SqlFailures.isConnectionLost(problem)) {
            throw session.failure("checking table " + table.table(), problem);
        }
        boolean create = writing && table.createTable();
        if (create) {
            SQLException createFailure = null;
            try (Statement statement = session.connection().createStatement()) {
                statement.execute(sql.createTable());
            } catch (SQLException e) {
                // another run may have created it meanwhile: the second probe decides
                createFailure = e;
            }
            problem = probe(session, sql);
            if (problem == null) {
                return;
            }
            if (createFailure != null) {
                problem = createFailure;
            }
        }
        throw new ConnectorException(SqlFailures.code(problem, "table_unusable"),
                "table " + table.table() + " in " + session.url() + " cannot be used"
                        + (create ? "" : writing ? " (createTable is off)" : " (a read creates no table)") + ": "
                        + problem.getMessage(),
                SqlFailures.isConnectionLost(problem), problem);
    }

    private static SQLException probe(DatabaseSession session, TableSql sql) {
        try (Statement statement = session.connection().createStatement()) {
            statement.executeQuery(sql.probe()).close();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}

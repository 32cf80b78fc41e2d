package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.Operation;
import dev.ferry.connector.api.data.DataRecord;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executes batches of actions, each in one transaction. First together: runs of the same operation as JDBC
 * batches. If any row fails there (or the driver cannot tell which updates found their row), the transaction is
 * rolled back and redone one action at a time, each behind a savepoint, so every action gets its own outcome.
 * Statements are prepared once for all the batches of a call (a multi-row upsert's SQL is long to parse).
 */
final class ActionBatch implements AutoCloseable {

    /** An action that passed validation, with its record typed (the key only, for delete and get). */
    private record Pending(int index, Action action, DataRecord record) {
        long id() {
            return action.id();
        }
    }

    /** Rows an upsert statement takes at most (MariaDB and PostgreSQL allow 65,535 parameters). */
    static final int ROWS_PER_STATEMENT = 2000;
    private static final int MAX_PARAMETERS = 60_000;

    private final DatabaseSession session;
    private final TableObject table;
    private final TableSql sql;
    private final TableStatements statements;

    ActionBatch(DatabaseSession session, TableObject table, TableSql sql) {
        this.session = session;
        this.table = table;
        this.sql = sql;
        this.statements = new TableStatements(session.connection());
    }

    @Override
    public void close() {
        statements.close();
    }

    List<ActionOutcome> execute(List<Action> actions) throws ConnectorException {
        ActionOutcome[] outcomes = new ActionOutcome[actions.size()];
        List<Pending> pending = validate(actions, outcomes);
        Connection connection = session.connection();
        try {
            try {
                if (runTogether(pending, outcomes, statements)) {
                    connection.commit();
                    return Arrays.asList(outcomes);
                }
            } catch (SQLException e) {
                if (SqlFailures.isConnectionLost(e)) {
                    throw e;
                }
                // one of the rows failed; which one is found out below
            }
            connection.rollback();
            runOneByOne(pending, outcomes, statements);
            connection.commit();
        } catch (SQLException e) {
            throw session.failure("executing actions on table " + table.table(), e);
        }
        return Arrays.asList(outcomes);
    }

    private List<Pending> validate(List<Action> actions, ActionOutcome[] outcomes) {
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            Action action = actions.get(i);
            try {
                DataRecord record = switch (action.operation()) {
                    case DELETE, GET -> table.keyOf(action.record());
                    case INSERT, UPDATE, UPSERT -> table.object().toRecord(action.record().values());
                };
                pending.add(new Pending(i, action, record));
            } catch (IllegalArgumentException e) {
                outcomes[i] = ActionOutcome.failed(action.id(), "invalid_record", e.getMessage());
            }
        }
        return pending;
    }

    /** Runs consecutive actions of one operation as one JDBC batch; false when the outcomes cannot be told. */
    private boolean runTogether(List<Pending> pending, ActionOutcome[] outcomes, TableStatements statements)
            throws SQLException {
        int start = 0;
        while (start < pending.size()) {
            Operation operation = pending.get(start).action().operation();
            int end = start + 1;
            while (end < pending.size() && pending.get(end).action().operation() == operation) {
                end++;
            }
            if (!runTogether(operation, pending.subList(start, end), outcomes, statements)) {
                return false;
            }
            start = end;
        }
        return true;
    }

    private boolean runTogether(Operation operation, List<Pending> run, ActionOutcome[] outcomes,
                                TableStatements statements) throws SQLException {
        List<DataRecord> records = run.stream().map(Pending::record).toList();
        switch (operation) {
            case GET -> {
                for (Pending p : run) {
                    outcomes[p.index()] = get(p, statements);
                }
                return true;
            }
            case INSERT -> statements.executeBatch(sql.insert(), records);
            case DELETE -> statements.executeBatch(sql.delete(), records);
            case UPDATE -> {
                int[] counts = statements.executeBatch(sql.update(), records);
                if (!allCounted(counts)) {
                    return false;
                }
                for (int i = 0; i < run.size(); i++) {
                    outcomes[run.get(i).index()] = counts[i] == 0 ? notFound(run.get(i)) : succeeded(run.get(i));
                }
                return true;
            }
            case UPSERT -> {
                if (sql.upsertRows(1).isPresent()) {
                    upsertRows(records, statements);
                } else {
                    int[] counts = statements.executeBatch(sql.update(), records);
                    if (!allCounted(counts)) {
                        return false;
                    }
                    List<DataRecord> absent = new ArrayList<>();
                    for (int i = 0; i < counts.length; i++) {
                        if (counts[i] == 0) {
                            absent.add(records.get(i));
                        }
                    }
                    if (!absent.isEmpty()) {
                        statements.executeBatch(sql.insert(), absent);
                    }
                }
            }
        }
        for (Pending p : run) {
            outcomes[p.index()] = succeeded(p);
        }
        return true;
    }

    /**
     * Upserts in statements of many value lists ({@value #ROWS_PER_STATEMENT} rows each, fewer for the rest): the
     * databases take them several times faster than a batch of one-row statements.
     */
    private void upsertRows(List<DataRecord> records, TableStatements statements) throws SQLException {
        int perStatement = Math.max(1, Math.min(ROWS_PER_STATEMENT, MAX_PARAMETERS / table.fields().size()));
        int from = 0;
        while (from < records.size()) {
            int to = Math.min(records.size(), from + perStatement);
            statements.executeRows(sql.upsertRows(to - from).orElseThrow(), records.subList(from, to));
            from = to;
        }
    }

    private void runOneByOne(List<Pending> pending, ActionOutcome[] outcomes, TableStatements statements)
            throws SQLException {
        Connection connection = session.connection();
        for (Pending p : pending) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                outcomes[p.index()] = runAlone(p, statements);
            } catch (SQLException e) {
                if (SqlFailures.isConnectionLost(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                outcomes[p.index()] = SqlFailures.isTransient(e)
                        ? ActionOutcome.retryLater(p.id(), SqlFailures.code(e, "sql_error"), e.getMessage())
                        : ActionOutcome.failed(p.id(), SqlFailures.code(e, "sql_error"), e.getMessage());
            }
            // Derby's network client allows one savepoint at a time, so each is released, failed or not
            connection.releaseSavepoint(savepoint);
        }
    }

    private ActionOutcome runAlone(Pending p, TableStatements statements) throws SQLException {
        return switch (p.action().operation()) {
            case GET -> get(p, statements);
            case INSERT -> {
                statements.executeUpdate(sql.insert(), p.record());
                yield succeeded(p);
            }
            case UPDATE -> statements.executeUpdate(sql.update(), p.record()) == 0 ? notFound(p) : succeeded(p);
            case DELETE -> {
                statements.executeUpdate(sql.delete(), p.record());
                yield succeeded(p);
            }
            case UPSERT -> {
                Optional<BoundSql> upsert = sql.upsert();
                if (upsert.isPresent()) {
                    statements.executeUpdate(upsert.get(), p.record());
                } else if (statements.executeUpdate(sql.update(), p.record()) == 0) {
                    statements.executeUpdate(sql.insert(), p.record());
                }
                yield succeeded(p);
            }
        };
    }

    private ActionOutcome get(Pending p, TableStatements statements) throws SQLException {
        Optional<Map<String, Object>> row = statements.selectRow(sql.selectByKey(), p.record(), table.fields());
        if (row.isEmpty()) {
            return notFound(p);
        }
        try {
            return ActionOutcome.succeeded(p.id(), table.object().toRecord(row.get()));
        } catch (IllegalArgumentException e) {
            return ActionOutcome.failed(p.id(), "invalid_row", "the row of key " + table.describeKey(row.get())
                    + " does not fit the object: " + e.getMessage());
        }
    }

    private ActionOutcome notFound(Pending p) {
        return ActionOutcome.failed(p.id(), "not_found",
                "table " + table.table() + " has no row with key " + table.describeKey(p.record().values()));
    }

    private static ActionOutcome succeeded(Pending p) {
        return ActionOutcome.succeeded(p.id(), null);
    }

    /** Some drivers answer a batch with SUCCESS_NO_INFO instead of row counts. */
    private static boolean allCounted(int[] counts) {
        return Arrays.stream(counts).allMatch(c -> c >= 0);
    }
}

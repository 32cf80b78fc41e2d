package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.action.Action;
import dev.ferry.connector.api.action.ActionContext;
import dev.ferry.connector.api.action.ActionOutcome;
import dev.ferry.connector.api.action.ActionProcessor;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes actions on a table over one connection, {@code batchSize} actions per transaction. Upserts use the
 * database's own statement where it has one (PostgreSQL {@code ON CONFLICT}, MariaDB/MySQL
 * {@code ON DUPLICATE KEY}), otherwise an update by key followed by an insert when no row was found.
 */
final class TableActionProcessor implements ActionProcessor {

    @Override
    public List<ActionOutcome> execute(ActionContext context, List<Action> actions) throws ConnectorException {
        TableObject table = TableObject.of(context.object());
        if (actions.isEmpty()) {
            return List.of();
        }
        try (DatabaseSession session = DatabaseSession.open(context.connection())) {
            TableSql sql = new TableSql(table, session.dialect());
            TableSetup.ensureUsable(session, table, sql, true);
            try {
                session.connection().setAutoCommit(false);
            } catch (SQLException e) {
                throw session.failure("starting a transaction on table " + table.table(), e);
            }
            try (ActionBatch batch = new ActionBatch(session, table, sql)) {
                List<ActionOutcome> outcomes = new ArrayList<>(actions.size());
                for (int from = 0; from < actions.size(); from += table.batchSize()) {
                    outcomes.addAll(batch.execute(actions.subList(from, Math.min(actions.size(), from + table.batchSize()))));
                }
                return outcomes;
            }
        }
    }
}

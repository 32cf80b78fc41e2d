package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.read.CacheWriter;
import dev.ferry.connector.api.read.ReadContext;
import dev.ferry.connector.api.read.ReadMode;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a table, streamed. FULL reads every row; INCREMENTAL without a cursor column reads every row too.
 * INCREMENTAL with a cursor column reads, in cursor order, the rows whose cursor value is greater than or equal to
 * the cursor the last read returned (the greatest value it saw): rows at exactly that value are read again, which
 * the platform's cache takes as unchanged, so that a row committed after that read with the same value (same
 * {@code updated_at}) is not skipped. Rows committed later with a smaller value, or with no value, are still missed:
 * the cursor column must grow with every change.
 */
final class TableReader implements CacheWriter {

    /** Rows between checkpoints of a read in cursor order: a read that stops resumes from the last one. */
    static final int CHECKPOINT_ROWS = 10_000;

    @Override
    public Optional<String> read(ReadContext context) throws ConnectorException {
        TableObject table = TableObject.of(context.object());
        boolean byCursor = table.cursorField() != null && context.mode() == ReadMode.INCREMENTAL;
        Optional<String> previous = byCursor ? context.cursor() : Optional.empty();
        Object from = previous.isPresent() ? cursorValue(table, previous.get()) : null;
        try (DatabaseSession session = DatabaseSession.open(context.connection())) {
            TableSql sql = new TableSql(table, session.dialect());
            TableSetup.ensureUsable(session, table, sql, false);
            BoundSql query = !byCursor ? sql.selectAll() : from == null ? sql.selectByCursor() : sql.selectFromCursor();
            try {
                Optional<String> cursor = stream(session.connection(), session.dialect(), query, byCursor, from, table, context, previous);
                session.connection().commit();
                return table.cursorField() == null ? Optional.empty() : cursor;
            } catch (SQLException e) {
                throw session.failure("reading table " + table.table(), e);
            }
        }
    }

    /**
     * Emits the rows of the query; {@code ordered} when they come in cursor order, from {@code from} (the previous
     * cursor value, included) on when it is not null. The rows are read a few chunks ahead on a thread of their own
     * ({@link RowPrefetch}) while this thread works on the ones before.
     */
    private static Optional<String> stream(Connection connection, SqlDialect dialect, BoundSql query, boolean ordered,
                                           Object from, TableObject table, ReadContext context, Optional<String> previous)
            throws SQLException, ConnectorException {
        // PostgreSQL streams a result set only inside a transaction; without a fetch size it loads all rows
        connection.setAutoCommit(false);
        CursorTracker cursor = new CursorTracker(previous);
        try (PreparedStatement statement = connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(table.batchSize());
            if (dialect == SqlDialect.POSTGRESQL) {
                // rows in PostgreSQL's binary format from the first read: the driver otherwise asks for text until a
                // statement ran five times on a connection, and parsing dates and numbers from text costs more
                statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
            }
            if (from != null) {
                JdbcValues.bind(statement, 1, table.cursorField().type(), from);
            }
            try (ResultSet rows = statement.executeQuery();
                 RowPrefetch prefetch = new RowPrefetch(rows,
                         JdbcValues.readers(rows.getMetaData(), table.fields(), dialect),
                         "ferry-jdbc-read " + table.table())) {
                RowEmitter emitter = new RowEmitter(table, context, cursor, ordered);
                Object[] raw;
                while ((raw = prefetch.next()) != null) {
                    if (!emitter.emit(raw)) {
                        // unordered rows tell the greatest value only once all were read
                        return ordered ? cursor.stopped() : previous;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted", "reading table " + table.table()
                        + " was interrupted before its last row", true, e);
            }
        }
        return cursor.completed();
    }

    /**
     * What happens to each row read: its record emitted (or the row rejected), the cursor followed, checkpoints
     * taken. A method called once a row rather than the body of the read's loop: the JIT compiles it once for every
     * later read, where a loop in a method called once a read is compiled anew, on the stack, in each read.
     */
    private static final class RowEmitter {
        private final TableObject table;
        private final ReadContext context;
        private final CursorTracker cursor;
        private final boolean ordered;
        private final int cursorColumn;
        private long sinceCheckpoint;

        RowEmitter(TableObject table, ReadContext context, CursorTracker cursor, boolean ordered) {
            this.table = table;
            this.context = context;
            this.cursor = cursor;
            this.ordered = ordered;
            this.cursorColumn = table.cursorField() == null ? -1 : table.fields().indexOf(table.cursorField());
        }

        /** Handles a row's column values; false when the platform wants no more records. */
        boolean emit(Object[] raw) {
            List<Object> values = Arrays.asList(raw);
            if (cursorColumn >= 0) {
                cursor.see(cursorValueOf(table, raw[cursorColumn]));
            }
            DataRecord record;
            try {
                record = table.object().toRecord(values);
            } catch (IllegalArgumentException e) {
                context.reject(table.table() + " key " + table.describeKey(values), e.getMessage());
                return true;
            }
            if (ordered && ++sinceCheckpoint >= CHECKPOINT_ROWS) {
                Optional<String> safe = cursor.stopped(); // the last value read in full
                if (safe.isPresent()) {
                    context.checkpoint(safe.get());
                    sinceCheckpoint = 0;
                }
            }
            return context.emit(record);
        }
    }

    /** The cursor column's value of a row, or null when it cannot be read as its type (the row is rejected then). */
    private static Object cursorValueOf(TableObject table, Object raw) {
        try {
            return table.cursorField().type().coerce(raw);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Object cursorValue(TableObject table, String cursor) throws ConnectorException {
        try {
            return table.cursorField().type().coerce(cursor);
        } catch (IllegalArgumentException e) {
            throw new ConnectorException("invalid_cursor", "cursor '" + cursor + "' does not fit column "
                    + table.cursorField().name() + ": " + e.getMessage(), false, e);
        }
    }
}

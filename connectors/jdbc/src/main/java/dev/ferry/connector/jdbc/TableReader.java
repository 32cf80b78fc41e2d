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
                PgCopy copy = session.dialect() == SqlDialect.POSTGRESQL && !byCursor && copyAllowed
                        ? describe(session.connection(), query, table) : null;
                Optional<String> cursor = copy != null
                        ? copy(session, copy, query, table, context)
                        : stream(session.connection(), session.dialect(), query, byCursor, from, table, context, previous);
                if (session.usable()) {
                    session.connection().commit(); // (a copy stopped before its end left the connection to be closed)
                }
                return table.cursorField() == null ? Optional.empty() : cursor;
            } catch (SQLException e) {
                throw session.failure("reading table " + table.table(), e);
            }
        }
    }

    /** Whether PostgreSQL tables may be read by {@code COPY}: tests turn it off to compare with the result-set read. */
    static volatile boolean copyAllowed = true;

    /** How a copy would decode the query's columns, or null when one of them is not of a type it decodes. */
    private static PgCopy describe(Connection connection, BoundSql query, TableObject table) throws SQLException {
        // described, not run; as a statement of its own, so that the driver does not take what it learns here (text
        // columns, as a description says) for the read by result set that follows when the copy cannot decode a column
        try (PreparedStatement statement = connection.prepareStatement(query.sql() + " LIMIT 0")) {
            return PgCopy.forColumns(statement.getMetaData(), table.fields());
        }
    }

    /**
     * Emits every row of a query without parameters, copied ({@link PgCopy}): each row by its key and fingerprint,
     * the record built only if the platform asks for it. The copy's messages are taken off the connection a few
     * chunks ahead on a thread of their own, so the server streams on while this thread works.
     */
    private static Optional<String> copy(DatabaseSession session, PgCopy copy, BoundSql query, TableObject table,
                                         ReadContext context) throws SQLException, ConnectorException {
        Connection connection = session.connection();
        connection.setAutoCommit(false);
        CursorTracker cursor = new CursorTracker(Optional.empty());
        org.postgresql.copy.CopyOut out = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                .copyOut(PgCopy.sql(query.sql()));
        try {
            try (RowPrefetch<byte[]> prefetch = RowPrefetch.of(out, "ferry-jdbc-read " + table.table())) {
                CopiedRowEmitter emitter = new CopiedRowEmitter(table, copy, context, cursor);
                byte[] message = prefetch.next();
                if (message != null) {
                    message = PgCopy.withoutHeader(message);
                }
                // taken to the end (the trailer, then the copy's end), so the copy is over when the read returns
                while (message != null) {
                    if (!PgCopy.isTrailer(message) && !emitter.emit(message)) {
                        return Optional.empty(); // a full read that stopped tells no cursor
                    }
                    message = prefetch.next();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectorException("interrupted", "reading table " + table.table()
                        + " was interrupted before its last row", true, e);
            }
        } finally {
            if (out.isActive()) {
                // stopped before the end: the connection is closed rather than kept, which stops the server sending
                // (a cancel request can reach the server after the copy ended, and cancel what the connection does next)
                session.discard();
            }
        }
        return cursor.completed();
    }

    /** What happens to each copied row: handed over by key and fingerprint, its cursor value followed. */
    private static final class CopiedRowEmitter {
        private final TableObject table;
        private final PgCopy copy;
        private final ReadContext context;
        private final CursorTracker cursor;
        private final int cursorColumn;
        private final int[] keyColumns;

        CopiedRowEmitter(TableObject table, PgCopy copy, ReadContext context, CursorTracker cursor) {
            this.table = table;
            this.copy = copy;
            this.context = context;
            this.cursor = cursor;
            this.cursorColumn = table.cursorField() == null ? -1 : table.fields().indexOf(table.cursorField());
            List<String> names = table.fields().stream().map(dev.ferry.connector.api.data.FieldSpec::name).toList();
            this.keyColumns = table.object().primaryKey().stream().mapToInt(names::indexOf).toArray();
        }

        boolean emit(byte[] row) {
            if (cursorColumn >= 0) {
                cursor.see(cursorValueOf(table, copy.value(row, cursorColumn)));
            }
            Object[] key = new Object[keyColumns.length];
            for (int k = 0; k < key.length; k++) {
                key[k] = copy.value(row, keyColumns[k]);
            }
            return context.emit(Arrays.asList(key), copy.fingerprint(row),
                    () -> table.object().toRecord(Arrays.asList(copy.values(row))));
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
                 RowPrefetch<Object[]> prefetch = RowPrefetch.of(rows,
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
            checkpoint();
            return context.emit(record);
        }

        /** Every {@value TableReader#CHECKPOINT_ROWS} rows read in cursor order: the cursor a stopped read resumes from. */
        private void checkpoint() {
            if (ordered && ++sinceCheckpoint >= CHECKPOINT_ROWS) {
                Optional<String> safe = cursor.stopped(); // the last value read in full
                if (safe.isPresent()) {
                    context.checkpoint(safe.get());
                    sinceCheckpoint = 0;
                }
            }
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

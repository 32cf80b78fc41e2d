package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The limit: a hand-written JDBC copy of the source table into MariaDB, as fast as plain JDBC goes here. The read
 * streams (autocommit off, a fetch size); the write sends multi-row {@code INSERT … ON DUPLICATE KEY UPDATE}
 * statements and commits every {@value #COMMIT_ROWS} rows. The rows per statement are chosen by copying a subset
 * with each candidate first.
 */
final class LimitCopy {

    static final int[] BATCH_CANDIDATES = {100, 500, 1000, 2000};
    static final int FETCH = 10_000;
    static final int COMMIT_ROWS = 20_000;
    static final long TRIAL_ROWS = 50_000;

    /** @param trials rows/s of each candidate, in {@link #BATCH_CANDIDATES} order */
    record Result(long rows, double seconds, int batchRows, long trialRows, double[] trials) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    private LimitCopy() {
    }

    static Result run(long rows) {
        long trialRows = Math.min(rows, TRIAL_ROWS);
        double[] trials = new double[BATCH_CANDIDATES.length];
        int best = 0;
        for (int i = 0; i < BATCH_CANDIDATES.length; i++) {
            TargetTables.truncate(TargetTables.LIMIT);
            trials[i] = trialRows / copy(BATCH_CANDIDATES[i], trialRows);
            Progress.say("limit: %,d rows a statement: %,.0f rows/s on %,d rows", BATCH_CANDIDATES[i], trials[i], trialRows);
            if (trials[i] > trials[best]) {
                best = i;
            }
        }
        TargetTables.truncate(TargetTables.LIMIT);
        double seconds = copy(BATCH_CANDIDATES[best], 0);
        return new Result(rows, seconds, BATCH_CANDIDATES[best], trialRows, trials);
    }

    /** Copies the first {@code limit} rows (all when 0) and returns the seconds it took. */
    static double copy(int batchRows, long limit) {
        Column[] columns = Column.values();
        long start = System.nanoTime();
        try (Connection source = Databases.postgres(Databases.SOURCE_DB);
             Connection target = Databases.mariadb(Databases.TARGET_DB)) {
            source.setAutoCommit(false);
            target.setAutoCommit(false);
            try (PreparedStatement read = source.prepareStatement("SELECT " + Column.names() + " FROM "
                    + SourceTable.TABLE + " ORDER BY id" + (limit > 0 ? " LIMIT " + limit : ""));
                 PreparedStatement full = target.prepareStatement(upsert(TargetTables.LIMIT, batchRows))) {
                read.setFetchSize(FETCH);
                List<Object[]> batch = new ArrayList<>(batchRows);
                long sinceCommit = 0;
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        Object[] row = new Object[columns.length];
                        for (int i = 0; i < columns.length; i++) {
                            row[i] = columns[i].read(rows, i + 1);
                        }
                        batch.add(row);
                        if (batch.size() == batchRows) {
                            write(full, batch, columns);
                            sinceCommit += batchRows;
                            if (sinceCommit >= COMMIT_ROWS) {
                                target.commit();
                                sinceCommit = 0;
                            }
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    try (PreparedStatement rest = target.prepareStatement(upsert(TargetTables.LIMIT, batch.size()))) {
                        write(rest, batch, columns);
                    }
                }
                target.commit();
                source.commit();
            }
        } catch (SQLException e) {
            throw new BenchFailure("the JDBC copy (" + batchRows + " rows a statement)", e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void write(PreparedStatement statement, List<Object[]> batch, Column[] columns) throws SQLException {
        int p = 1;
        for (Object[] row : batch) {
            for (int i = 0; i < columns.length; i++) {
                columns[i].bind(statement, p++, row[i]);
            }
        }
        statement.executeUpdate();
        batch.clear();
    }

    static String upsert(String table, int rows) {
        String values = "(" + String.join(", ", Collections.nCopies(Column.values().length, "?")) + ")";
        String update = Arrays.stream(Column.values()).skip(1).map(c -> c.name + " = VALUES(" + c.name + ")")
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + table + " (" + Column.names() + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, values)) + " ON DUPLICATE KEY UPDATE " + update;
    }
}

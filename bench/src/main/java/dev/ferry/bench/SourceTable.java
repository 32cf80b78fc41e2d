package dev.ferry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The source: table {@value #TABLE} in PostgreSQL database {@value Databases#SOURCE_DB}, rows with ids 1 to N
 * made by {@code generate_series} (the same N always gives the same rows). Changes pick their rows by a hash of
 * the id, so they are spread over the table and the same on every run.
 */
final class SourceTable {

    static final String TABLE = "bench_source";
    /** The first tenth of the rows, made with the source: the same sync on a tenth tells whether time is linear. */
    static final String TENTH = "bench_source_tenth";

    private SourceTable() {
    }

    static void create(long rows) {
        Databases.recreatePostgres(Databases.SOURCE_DB);
        try (Connection c = Databases.postgres(Databases.SOURCE_DB); Statement s = c.createStatement()) {
            s.execute(Column.postgresDdl(TABLE));
            try (PreparedStatement fill = c.prepareStatement("INSERT INTO " + TABLE + " (" + Column.names() + ")"
                    + " SELECT g, 'First' || g, 'Last' || (g % 9973), 'user' || g || '@example.com',"
                    + " (ARRAY['Amsterdam','Berlin','Lisbon','Madrid','Paris','Rome','Vienna'])[1 + g % 7],"
                    + " 18 + (g % 63)::int, round((g % 100000) * 1.37, 2), g % 3 <> 0,"
                    + " DATE '1950-01-01' + (g % 20000)::int,"
                    + " TIMESTAMP '2020-01-01 00:00:00' + g * INTERVAL '37 seconds' + (g % 1000) * INTERVAL '1 microsecond'"
                    + " FROM generate_series(1, ?) AS g")) {
                fill.setLong(1, rows);
                fill.executeUpdate();
            }
            s.execute("CREATE TABLE " + TENTH + " AS SELECT * FROM " + TABLE + " WHERE id <= " + tenth(rows));
            s.execute("ALTER TABLE " + TENTH + " ADD PRIMARY KEY (id)");
            s.execute("VACUUM ANALYZE " + TABLE);
            s.execute("VACUUM ANALYZE " + TENTH);
        } catch (SQLException e) {
            throw new BenchFailure("creating the source table", e);
        }
    }

    /** The rows of {@link #TENTH}. */
    static long tenth(long rows) {
        return rows / 10;
    }

    /** Changes three columns of {@code count} rows; returns how many rows changed. */
    static long update(long count) {
        return change("UPDATE " + TABLE + " SET balance = balance + 1, city = city || ' (moved)', active = NOT active"
                + " WHERE id IN (SELECT id FROM " + TABLE + " ORDER BY md5('update:' || id) LIMIT ?)", count);
    }

    /** Deletes {@code count} rows; returns how many were deleted. */
    static long delete(long count) {
        return change("DELETE FROM " + TABLE
                + " WHERE id IN (SELECT id FROM " + TABLE + " ORDER BY md5('delete:' || id) LIMIT ?)", count);
    }

    private static long change(String sql, long count) {
        try (Connection c = Databases.postgres(Databases.SOURCE_DB); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, count);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new BenchFailure("changing the source table", e);
        }
    }
}

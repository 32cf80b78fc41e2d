package dev.ferry.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The targets in MariaDB database {@value Databases#TARGET_DB}: one table for each way of copying, so each can be
 * checked against the source afterwards.
 */
final class TargetTables {

    static final String LIMIT = "limit_target";
    static final String CAMEL = "camel_target";
    static final String FERRY = "ferry_target";
    /** The tenth-of-the-rows syncs' targets: the warm-up's ({@code tenth(0)}) and the five timed ones'. */
    static final int TENTHS = 6;
    static final String FERRY_STAGES = "ferry_target_stages";
    static final String FERRY_LOOKUP = "ferry_target_lookup";
    private static final String WRITES = "bench_target_writes";

    private TargetTables() {
    }

    static void createAll() {
        Databases.recreateMariadb(Databases.TARGET_DB);
        try (Connection c = Databases.mariadb(Databases.TARGET_DB); Statement s = c.createStatement()) {
            for (String table : new String[]{LIMIT, CAMEL, FERRY, FERRY_STAGES, FERRY_LOOKUP}) {
                s.execute(Column.mariadbDdl(table));
            }
            for (int n = 0; n < TENTHS; n++) {
                s.execute(Column.mariadbDdl(tenth(n)));
            }
        } catch (SQLException e) {
            throw new BenchFailure("creating the target tables", e);
        }
    }

    /** The target of tenth-of-the-rows sync {@code n} (0 the warm-up). */
    static String tenth(int n) {
        return "ferry_target_tenth_" + n;
    }

    static void truncate(String table) {
        execute("emptying " + table, "TRUNCATE TABLE " + table);
    }

    /**
     * Counts, from now on, every row an insert (an upsert is one), update or delete touches in {@code table}:
     * triggers, so the count holds whoever else uses the server. {@link #stopCountingWrites} removes them.
     */
    static void countWrites(String table) {
        execute("installing write counters on " + table,
                "DROP TABLE IF EXISTS " + WRITES,
                "CREATE TABLE " + WRITES + " (kind VARCHAR(10) PRIMARY KEY, n BIGINT NOT NULL)",
                "INSERT INTO " + WRITES + " VALUES ('insert', 0), ('update', 0), ('delete', 0)",
                trigger(table, "INSERT"), trigger(table, "UPDATE"), trigger(table, "DELETE"));
    }

    /** Rows written since {@link #countWrites}; the counters stay until {@link #stopCountingWrites}. */
    static long writesCounted() {
        try (Connection c = Databases.mariadb(Databases.TARGET_DB); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(n), 0) FROM " + WRITES)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new BenchFailure("reading the write counters", e);
        }
    }

    static void stopCountingWrites(String table) {
        execute("removing write counters from " + table,
                "DROP TRIGGER IF EXISTS " + table + "_count_insert",
                "DROP TRIGGER IF EXISTS " + table + "_count_update",
                "DROP TRIGGER IF EXISTS " + table + "_count_delete",
                "DROP TABLE IF EXISTS " + WRITES);
    }

    private static String trigger(String table, String event) {
        String kind = event.toLowerCase();
        return "CREATE TRIGGER " + table + "_count_" + kind + " BEFORE " + event + " ON " + table
                + " FOR EACH ROW UPDATE " + WRITES + " SET n = n + 1 WHERE kind = '" + kind + "'";
    }

    private static void execute(String what, String... statements) {
        try (Connection c = Databases.mariadb(Databases.TARGET_DB); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new BenchFailure(what, e);
        }
    }
}

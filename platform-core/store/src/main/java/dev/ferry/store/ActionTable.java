package dev.ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes {@link ActionEntity} rows in bulk, in the caller's JDBC transaction: actions that ended failed. */
public final class ActionTable {

    /** One action that needs attention: failed, to be retried or dead. */
    public record Closed(String operation, String recordKey, String payload, String status, int attempts,
                         String errorCode, String errors, String origin, Instant notBefore) {
    }

    /** A row to run again. */
    public record Due(long id, String operation, String recordKey, String payload, int attempts, String origin) {
    }

    private ActionTable() {
    }

    public static void insert(Connection c, String workspace, String registration, String service, long runId,
                              Iterable<Closed> actions) throws SQLException {
        String next = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("derby")
                ? "NEXT VALUE FOR FERRY_ACTION_SEQ" : "nextval('ferry_action_seq')";
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FERRY_ACTION (id, workspace, registrationId, serviceId,"
                + " operation, recordKey, payload, status, attempts, errorCode, errors, origin, runId, createdAt, finishedAt,"
                + " notBefore) VALUES (" + next + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Closed a : actions) {
                s.setString(1, workspace);
                s.setString(2, registration);
                s.setString(3, service);
                s.setString(4, a.operation());
                s.setString(5, truncate(a.recordKey(), 1000));
                s.setString(6, a.payload());
                s.setString(7, a.status());
                s.setInt(8, a.attempts());
                s.setString(9, truncate(a.errorCode(), 100));
                s.setString(10, truncate(a.errors(), 4000));
                s.setString(11, tail(a.origin(), 200));
                s.setLong(12, runId);
                s.setTimestamp(13, now);
                s.setTimestamp(14, now);
                s.setTimestamp(15, a.notBefore() == null ? null : Timestamp.from(a.notBefore()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Actions of a service to run now: put back by hand, or retries whose time has come; oldest first. */
    public static List<Due> due(Connection c, String registration, String service, Instant now, int limit)
            throws SQLException {
        List<Due> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, operation, recordKey, payload, attempts, origin"
                + " FROM FERRY_ACTION WHERE registrationId = ? AND serviceId = ? AND (status = ? OR (status = ?"
                + " AND notBefore <= ?)) ORDER BY id")) {
            s.setMaxRows(limit);
            s.setString(1, registration);
            s.setString(2, service);
            s.setString(3, ActionEntity.PENDING);
            s.setString(4, ActionEntity.RETRY);
            s.setTimestamp(5, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    due.add(new Due(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getInt(5),
                            r.getString(6)));
                }
            }
        }
        return due;
    }

    /** Whether a service has actions waiting for a retry (then newer actions for their keys supersede them). */
    public static boolean waiting(Connection c, String registration, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM FERRY_ACTION WHERE registrationId = ?"
                + " AND serviceId = ? AND status IN (?, ?)")) {
            s.setMaxRows(1);
            s.setString(1, registration);
            s.setString(2, service);
            s.setString(3, ActionEntity.RETRY);
            s.setString(4, ActionEntity.PENDING);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * Drops waiting retries of these keys: a newer action for the same record went through, and running the older
     * one afterwards would undo it.
     */
    public static int supersede(Connection c, String registration, String service, List<String> keys) throws SQLException {
        int n = 0;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_ACTION WHERE registrationId = ? AND serviceId = ?"
                + " AND status IN (?, ?) AND recordKey = ?")) {
            for (String key : keys) {
                s.setString(1, registration);
                s.setString(2, service);
                s.setString(3, ActionEntity.RETRY);
                s.setString(4, ActionEntity.PENDING);
                s.setString(5, key);
                s.addBatch();
            }
            for (int count : s.executeBatch()) {
                n += Math.max(count, 0);
            }
        }
        return n;
    }

    /** How a run of a waiting action ended: gone when it succeeded, else its new status. */
    public static void ran(Connection c, long id, boolean succeeded, String status, int attempts, String code,
                           String errors, Instant notBefore, long runId) throws SQLException {
        if (succeeded) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_ACTION WHERE id = ?")) {
                s.setLong(1, id);
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE FERRY_ACTION SET status = ?, attempts = ?, errorCode = ?,"
                + " errors = ?, notBefore = ?, finishedAt = ?, runId = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setInt(2, attempts);
            s.setString(3, truncate(code, 100));
            s.setString(4, truncate(errors, 4000));
            s.setTimestamp(5, notBefore == null ? null : Timestamp.from(notBefore));
            s.setTimestamp(6, Timestamp.from(Instant.now()));
            s.setLong(7, runId);
            s.setLong(8, id);
            s.executeUpdate();
        }
    }

    /**
     * The end of a text too long for its column: an action's origin ends with the flow that queued it
     * ({@code … via flow F}), which its close-outs are found by.
     */
    static String tail(String s, int max) {
        return s == null || s.length() <= max ? s : "…" + s.substring(s.length() - (max - 1));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

package dev.ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;

/** Writes {@link ActionEntity} rows in bulk, in the caller's JDBC transaction: actions that ended failed. */
public final class ActionTable {

    /** One action that needs a person's attention. */
    public record Closed(String operation, String recordKey, String payload, String status, int attempts,
                         String errorCode, String errors, String origin) {
    }

    private ActionTable() {
    }

    public static void insert(Connection c, String workspace, String registration, String service, long runId,
                              Iterable<Closed> actions) throws SQLException {
        String next = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("derby")
                ? "NEXT VALUE FOR FERRY_ACTION_SEQ" : "nextval('ferry_action_seq')";
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FERRY_ACTION (id, workspace, registrationId, serviceId,"
                + " operation, recordKey, payload, status, attempts, errorCode, errors, origin, runId, createdAt, finishedAt)"
                + " VALUES (" + next + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                s.setString(11, truncate(a.origin(), 200));
                s.setLong(12, runId);
                s.setTimestamp(13, now);
                s.setTimestamp(14, now);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}

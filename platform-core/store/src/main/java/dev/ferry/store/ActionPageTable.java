package dev.ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The action queue of one action-processor service: pages of actions (encoded by the engine), each written in the
 * transaction of the cache page whose changes made them and removed once all its actions are closed. Actions that
 * need attention later (failed, waiting for a retry, dead) leave the page for {@link ActionEntity} rows.
 */
public final class ActionPageTable {

    /**
     * One queued page.
     *
     * @param done     how many of its actions are closed already (they are never run again)
     * @param attempts how many times running the rest failed as a whole
     */
    public record Page(long id, int actions, int done, int attempts, Instant notBefore, byte[] data) {
    }

    private ActionPageTable() {
    }

    public static void append(Connection c, long scope, String workspace, long runId, int actions, byte[] data)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FERRY_ACTION_PAGE"
                + " (scope_id, workspace, run_id, actions, done, attempts, created_at, data) VALUES (?, ?, ?, ?, 0, 0, ?, ?)")) {
            s.setLong(1, scope);
            s.setString(2, workspace);
            s.setLong(3, runId);
            s.setInt(4, actions);
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.setBytes(6, data);
            s.executeUpdate();
        }
    }

    /**
     * Up to {@code limit} pages after {@code afterId}, oldest first, that may run at {@code now}. A page waiting for a
     * retry holds back the pages after it: actions run in the order their changes were seen.
     */
    public static List<Page> next(Connection c, long scope, long afterId, Instant now, int limit) throws SQLException {
        List<Page> pages = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, actions, done, attempts, not_before, data"
                + " FROM FERRY_ACTION_PAGE WHERE scope_id = ? AND id > ? ORDER BY id")) {
            s.setMaxRows(limit);
            s.setLong(1, scope);
            s.setLong(2, afterId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Timestamp notBefore = r.getTimestamp(5);
                    if (notBefore != null && notBefore.toInstant().isAfter(now)) {
                        break;
                    }
                    pages.add(new Page(r.getLong(1), r.getInt(2), r.getInt(3), r.getInt(4),
                            notBefore == null ? null : notBefore.toInstant(), r.getBytes(6)));
                }
            }
        }
        return pages;
    }

    /** How many actions are queued and not yet closed. */
    public static long pending(Connection c, long scope) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COALESCE(SUM(actions - done), 0) FROM FERRY_ACTION_PAGE WHERE scope_id = ?")) {
            s.setLong(1, scope);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Records that the first {@code done} actions of a page are closed; the page goes when all are. */
    public static void closed(Connection c, Page page, int done) throws SQLException {
        if (done >= page.actions()) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_ACTION_PAGE WHERE id = ?")) {
                s.setLong(1, page.id());
                s.executeUpdate();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE FERRY_ACTION_PAGE SET done = ? WHERE id = ?")) {
            s.setInt(1, done);
            s.setLong(2, page.id());
            s.executeUpdate();
        }
    }

    /** A page whose remaining actions could not run as a whole: try again not before the given time. */
    public static void deferred(Connection c, Page page, Instant notBefore, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE FERRY_ACTION_PAGE SET attempts = attempts + 1, not_before = ?, last_error = ? WHERE id = ?")) {
            s.setTimestamp(1, notBefore == null ? null : Timestamp.from(notBefore));
            s.setString(2, error == null ? null : error.length() <= 4000 ? error : error.substring(0, 3999) + "…");
            s.setLong(3, page.id());
            s.executeUpdate();
        }
    }

    /** Drops a service's queue (its registration was removed). */
    public static void clear(Connection c, long scope) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_ACTION_PAGE WHERE scope_id = ?")) {
            s.setLong(1, scope);
            s.executeUpdate();
        }
    }
}

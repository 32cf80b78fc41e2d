package dev.ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The workspace cache of one service as stored: its records' keys and hashes in segments (encoded by the engine),
 * plus a journal of the pages written since the segments were last rewritten. A page of changes is one journal row,
 * so writing it costs one insert however many records it holds; {@link #compact} folds the journal into the
 * segments it touched.
 */
public final class CacheTable {

    /** One segment: the records whose key hash starts with its number, in {@code bits} bits. */
    public record Segment(int number, int bits, int entries, byte[] data) {
    }

    /** One page of changes not yet folded into the segments. */
    public record JournalPage(long id, byte[] data) {
    }

    /** Everything stored for one service's cache. */
    public record Image(List<Segment> segments, List<JournalPage> journal) {
    }

    private CacheTable() {
    }

    public static Image load(Connection c, long scope) throws SQLException {
        List<Segment> segments = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT segment_no, bits, entries, data FROM FERRY_CACHE_SEGMENT WHERE scope_id = ? ORDER BY segment_no")) {
            s.setLong(1, scope);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    segments.add(new Segment(r.getInt(1), r.getInt(2), r.getInt(3), r.getBytes(4)));
                }
            }
        }
        return new Image(segments, journal(c, scope));
    }

    /** The journal alone, oldest first. */
    public static List<JournalPage> journal(Connection c, long scope) throws SQLException {
        List<JournalPage> journal = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, data FROM FERRY_CACHE_JOURNAL WHERE scope_id = ? ORDER BY id")) {
            s.setLong(1, scope);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    journal.add(new JournalPage(r.getLong(1), r.getBytes(2)));
                }
            }
        }
        return journal;
    }

    /** Appends a page of changes, in the caller's transaction. */
    public static void append(Connection c, long scope, String workspace, long runId, int entries, byte[] data)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FERRY_CACHE_JOURNAL"
                + " (scope_id, workspace, run_id, entries, created_at, data) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, scope);
            s.setString(2, workspace);
            s.setLong(3, runId);
            s.setInt(4, entries);
            s.setTimestamp(5, java.sql.Timestamp.from(Instant.now()));
            s.setBytes(6, data);
            s.executeUpdate();
        }
    }

    /**
     * Replaces segments and drops the journal pages folded into them, in the caller's transaction.
     *
     * @param replaceAll   when the segmentation changed: every stored segment goes, {@code segments} are the new set
     * @param segments     the segments to write (replacing those with the same number)
     * @param journalUpTo  the last journal page the segments include
     */
    public static void compact(Connection c, long scope, String workspace, boolean replaceAll, Map<Integer, Segment> segments,
                               long journalUpTo) throws SQLException {
        if (replaceAll) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_CACHE_SEGMENT WHERE scope_id = ?")) {
                s.setLong(1, scope);
                s.executeUpdate();
            }
        } else if (!segments.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM FERRY_CACHE_SEGMENT WHERE scope_id = ? AND segment_no = ?")) {
                for (Integer n : segments.keySet()) {
                    s.setLong(1, scope);
                    s.setInt(2, n);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO FERRY_CACHE_SEGMENT"
                + " (scope_id, segment_no, workspace, bits, entries, data) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Segment seg : segments.values()) {
                if (seg.entries() == 0) {
                    continue;
                }
                s.setLong(1, scope);
                s.setInt(2, seg.number());
                s.setString(3, workspace);
                s.setInt(4, seg.bits());
                s.setInt(5, seg.entries());
                s.setBytes(6, seg.data());
                s.executeUpdate(); // one at a time: batched LOB inserts trip Derby 10.14
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_CACHE_JOURNAL WHERE scope_id = ? AND id <= ?")) {
            s.setLong(1, scope);
            s.setLong(2, journalUpTo);
            s.executeUpdate();
        }
    }

    /** Forgets a service's cache (its registration was removed). */
    public static void clear(Connection c, long scope) throws SQLException {
        for (String table : List.of("FERRY_CACHE_SEGMENT", "FERRY_CACHE_JOURNAL", "FERRY_CACHE_VALUE")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE scope_id = ?")) {
                s.setLong(1, scope);
                s.executeUpdate();
            }
        }
    }
}

package dev.ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of the records of a service that flows look records up in (encoded by the engine), one row a record,
 * found by the hash of its key. Written in the transaction that stores the cache's journal page of the same
 * changes, so the values and the cache never disagree.
 */
public final class CacheValueTable {

    /** A record's key and encoded values. */
    public record Value(String key, byte[] data) {
    }

    /** A change to a record's values: {@code data} null removes it. */
    public record Change(long keyHash, String key, byte[] data) {
    }

    /** Keys a statement looks up at most. */
    private static final int IN_LIST = 200;

    private CacheValueTable() {
    }

    /** Writes a page's changes in the caller's transaction, in their order. */
    public static void write(Connection c, long scope, String workspace, List<Change> changes) throws SQLException {
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM FERRY_CACHE_VALUE WHERE scope_id = ? AND key_hash = ?")) {
            for (Change change : changes) {
                delete.setLong(1, scope);
                delete.setLong(2, change.keyHash());
                delete.addBatch();
            }
            delete.executeBatch();
        }
        Map<Long, Change> last = new java.util.LinkedHashMap<>();
        for (Change change : changes) {
            last.put(change.keyHash(), change); // a key changed twice in a page keeps its last values
        }
        // Derby takes its BLOBs one statement at a time (batched LOB inserts trip Derby 10.14); it runs in Ferry's
        // process, so that costs no round trip. PostgreSQL takes them as one batch.
        boolean batch = !c.getMetaData().getDatabaseProductName().contains("Derby");
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO FERRY_CACHE_VALUE"
                + " (scope_id, key_hash, workspace, record_key, data) VALUES (?, ?, ?, ?, ?)")) {
            for (Change change : last.values()) {
                if (change.data() == null) {
                    continue;
                }
                insert.setLong(1, scope);
                insert.setLong(2, change.keyHash());
                insert.setString(3, workspace);
                insert.setString(4, change.key());
                insert.setBytes(5, change.data());
                if (batch) {
                    insert.addBatch();
                } else {
                    insert.executeUpdate();
                }
            }
            if (batch) {
                insert.executeBatch();
            }
        }
    }

    /** The stored values of the records with these key hashes, by key hash; those not stored are absent. */
    public static Map<Long, Value> find(Connection c, long scope, Collection<Long> keyHashes) throws SQLException {
        Map<Long, Value> found = new HashMap<>();
        List<Long> all = new ArrayList<>(keyHashes);
        for (int from = 0; from < all.size(); from += IN_LIST) {
            List<Long> part = all.subList(from, Math.min(all.size(), from + IN_LIST));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT key_hash, record_key, data FROM FERRY_CACHE_VALUE"
                    + " WHERE scope_id = ? AND key_hash IN (" + marks + ")")) {
                s.setLong(1, scope);
                for (int i = 0; i < part.size(); i++) {
                    s.setLong(i + 2, part.get(i));
                }
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.put(r.getLong(1), new Value(r.getString(2), r.getBytes(3)));
                    }
                }
            }
        }
        return found;
    }

    /** A stored record's values with the hash of its key, as {@link #after} pages through them. */
    public record Stored(long keyHash, String key, byte[] data) {
    }

    /** Up to {@code limit} of the service's stored records whose key hash is above {@code afterHash}, by key hash. */
    public static List<Stored> after(Connection c, long scope, long afterHash, int limit) throws SQLException {
        List<Stored> page = new ArrayList<>(Math.min(limit, 1000));
        try (PreparedStatement s = c.prepareStatement("SELECT key_hash, record_key, data FROM FERRY_CACHE_VALUE"
                + " WHERE scope_id = ? AND key_hash > ? ORDER BY key_hash FETCH FIRST " + limit + " ROWS ONLY")) {
            s.setLong(1, scope);
            s.setLong(2, afterHash);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(new Stored(r.getLong(1), r.getString(2), r.getBytes(3)));
                }
            }
        }
        return page;
    }

    /** Whether any record's values are stored for the service. */
    public static boolean any(Connection c, long scope) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM FERRY_CACHE_VALUE WHERE scope_id = ?")) {
            s.setMaxRows(1);
            s.setLong(1, scope);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Forgets a service's values. */
    public static void clear(Connection c, long scope) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM FERRY_CACHE_VALUE WHERE scope_id = ?")) {
            s.setLong(1, scope);
            s.executeUpdate();
        }
    }
}

package dev.ferry.connector.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Connections a finished read or batch left open for the next one with the same settings, so a run that writes
 * a million rows in batches opens one connection, not two thousand. Idle ones close after {@value #IDLE_MILLIS} ms.
 */
final class IdleConnections {

    static final long IDLE_MILLIS = 60_000;
    private static final int PER_SETTINGS = 4;

    private record Idle(Connection connection, long since) {
    }

    private static final Map<String, Deque<Idle>> IDLE = new HashMap<>();

    private IdleConnections() {
    }

    /** An idle connection for these settings that still answers, or null. */
    static Connection take(String settingsKey) {
        while (true) {
            Idle idle;
            synchronized (IDLE) {
                expire();
                Deque<Idle> q = IDLE.get(settingsKey);
                idle = q == null ? null : q.pollFirst();
            }
            if (idle == null) {
                return null;
            }
            try {
                if (idle.connection().isValid(2)) {
                    return idle.connection();
                }
            } catch (SQLException e) {
                // a broken connection is closed below and the next one tried
            }
            close(idle.connection());
        }
    }

    /** Keeps a healthy connection, committed or rolled back and in auto-commit mode, for the next session. */
    static void put(String settingsKey, Connection connection) {
        synchronized (IDLE) {
            expire();
            Deque<Idle> q = IDLE.computeIfAbsent(settingsKey, k -> new ArrayDeque<>());
            if (q.size() < PER_SETTINGS) {
                q.addFirst(new Idle(connection, System.currentTimeMillis()));
                return;
            }
        }
        close(connection);
    }

    /** Closes every idle connection (the connector is going away). */
    static void closeAll() {
        synchronized (IDLE) {
            IDLE.values().forEach(q -> q.forEach(i -> close(i.connection())));
            IDLE.clear();
        }
    }

    private static void expire() {
        long now = System.currentTimeMillis();
        for (Iterator<Deque<Idle>> it = IDLE.values().iterator(); it.hasNext(); ) {
            Deque<Idle> q = it.next();
            while (!q.isEmpty() && now - q.peekLast().since() > IDLE_MILLIS) {
                close(q.pollLast().connection());
            }
            if (q.isEmpty()) {
                it.remove();
            }
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // it is being discarded
        }
    }
}

package dev.ferry.connector.jdbc;

import org.junit.Test;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

/** The read-ahead's hand-over, on result sets that fail or never end (the databases are in the table tests). */
public class RowPrefetchTest {

    private static final JdbcValues.ColumnReader[] ONE_INT = {(row, index) -> row.getInt(index)};

    /** Rows 1, 2, … up to {@code failAfter}, then the driver's failure; endless when {@code failAfter} is -1. */
    private static ResultSet rows(int failAfter, AtomicInteger position) {
        return (ResultSet) Proxy.newProxyInstance(RowPrefetchTest.class.getClassLoader(), new Class<?>[]{ResultSet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "next" -> {
                        if (failAfter >= 0 && position.get() == failAfter) {
                            throw new SQLException("connection reset by peer", "08006");
                        }
                        position.incrementAndGet();
                        yield true;
                    }
                    case "getInt" -> position.get();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    public void aFailureOfTheDriverReachesTheCallerAfterTheRowsBeforeIt() throws Exception {
        int failAfter = RowPrefetch.CHUNK * 2 + 10;
        try (RowPrefetch<Object[]> prefetch = RowPrefetch.of(rows(failAfter, new AtomicInteger()), ONE_INT, "ferry-jdbc-read t")) {
            for (int i = 1; i <= failAfter; i++) {
                assertEquals(i, prefetch.next()[0]);
            }
            SQLException e = assertThrows(SQLException.class, prefetch::next);
            assertEquals("connection reset by peer", e.getMessage());
            assertNull("nothing follows the failure", prefetch.next());
        }
    }

    @Test
    public void closingStopsTheReadAheadAndWaitsForIt() throws Exception {
        AtomicInteger position = new AtomicInteger();
        RowPrefetch<Object[]> prefetch = RowPrefetch.of(rows(-1, position), ONE_INT, "ferry-jdbc-read endless");
        assertEquals(1, prefetch.next()[0]);
        prefetch.close();
        int stoppedAt = position.get();
        // bounded by what the queue holds, however long the result set
        assertEquals(true, stoppedAt <= RowPrefetch.CHUNK * (RowPrefetch.AHEAD + 2));
        Thread.sleep(50);
        assertEquals("no row is read after close returned", stoppedAt, position.get());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ferry-jdbc-read endless")));
    }
}

package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * PostgreSQL's dates and times read from their binary form come out as the driver's own {@code getObject} gives
 * them: before and after 2000, with microseconds, at the infinities, and without a value.
 */
public class PostgresqlTimesTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String table = "ferry_times" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    @Before
    public void fill() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, d date, t timestamp, tz timestamptz)");
            s.execute("INSERT INTO " + table + " VALUES"
                    + " (1, '2000-01-01', '2000-01-01 00:00:00', '2000-01-01 00:00:00+00'),"
                    + " (2, '1969-12-31', '1969-12-31 23:59:59.999999', '1969-12-31 23:59:59.000001+00'),"
                    + " (3, '2024-02-29', '2024-03-10 06:30:00.123456', '2024-03-10 01:30:00.123456-05'),"
                    + " (4, '0099-01-01', '1850-06-15 12:00:00.5', '2261-12-31 23:59:59.999999+00'),"
                    + " (5, 'infinity', 'infinity', 'infinity'),"
                    + " (6, '-infinity', '-infinity', '-infinity'),"
                    + " (7, NULL, NULL, NULL)");
        }
    }

    @After
    public void drop() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    public void datesAndTimesReadAsTheDriverGivesThem() throws Exception {
        DataObject object = new DataObject("times", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("d", FieldType.DATE, false),
                new FieldSpec("t", FieldType.TIMESTAMP, false),
                new FieldSpec("tz", FieldType.TIMESTAMP, false)),
                List.of("id"), Config.of(Map.of("table", table)));
        RecordingReadContext context = new RecordingReadContext(
                Config.of(Map.of("url", URL, "user", "postgres")), object, ReadMode.FULL, null);
        new JdbcConnector().cacheWriter("table").read(context);
        Map<Long, DataRecord> rows = new java.util.HashMap<>();
        context.emitted.forEach(r -> rows.put((Long) r.get("id"), r));
        assertEquals(7, rows.size());

        assertRow(rows.get(1L), "2000-01-01", "2000-01-01T00:00:00Z", "2000-01-01T00:00:00Z");
        assertRow(rows.get(2L), "1969-12-31", "1969-12-31T23:59:59.999999Z", "1969-12-31T23:59:59.000001Z");
        assertRow(rows.get(3L), "2024-02-29", "2024-03-10T06:30:00.123456Z", "2024-03-10T06:30:00.123456Z");
        assertRow(rows.get(4L), "0099-01-01", "1850-06-15T12:00:00.500Z", "2261-12-31T23:59:59.999999Z");
        Instant max = LocalDateTime.MAX.toInstant(ZoneOffset.UTC);
        Instant min = LocalDateTime.MIN.toInstant(ZoneOffset.UTC);
        assertEquals(LocalDate.MAX, rows.get(5L).get("d"));
        assertEquals(max, rows.get(5L).get("t"));
        assertEquals(max, rows.get(5L).get("tz"));
        assertEquals(LocalDate.MIN, rows.get(6L).get("d"));
        assertEquals(min, rows.get(6L).get("t"));
        assertEquals(min, rows.get(6L).get("tz"));
        assertNull(rows.get(7L).get("d"));
        assertNull(rows.get(7L).get("t"));
        assertNull(rows.get(7L).get("tz"));
    }

    private static void assertRow(DataRecord row, String date, String timestamp, String zoned) {
        assertEquals(LocalDate.parse(date), row.get("d"));
        assertEquals(Instant.parse(timestamp), row.get("t"));
        assertEquals(Instant.parse(zoned), row.get("tz"));
    }
}

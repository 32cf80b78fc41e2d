package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.read.ReadMode;
import dev.ferry.connector.api.testkit.RecordingReadContext;
import org.junit.After;
import org.junit.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * A PostgreSQL table whose columns a binary {@code COPY} decodes is read by copy, each row with a fingerprint, and
 * gives exactly the records the result-set read gives: every type it decodes, at its edges and without a value.
 * A table with another kind of column is read by result set, without fingerprints.
 */
public class PostgresqlCopyTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String table = "ferry_copy" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    @After
    public void drop() throws Exception {
        sql("DROP TABLE IF EXISTS " + table);
        TableReader.copyAllowed = true;
    }

    @Test
    public void aCopiedTableGivesTheRecordsTheResultSetReadGives() throws Exception {
        sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, s varchar(40), t text, c char(5), i2 smallint, i4 int,"
                + " n numeric(30,4), n2 numeric, b boolean, d date, ts timestamp, tz timestamptz, j json, jb jsonb,"
                + " a jsonb, js text)");
        sql("INSERT INTO " + table + " VALUES"
                + " (1, 'Zoë Ångström', '日本語 text', 'ab', -32768, 2147483647, -123456789012345678901234.5678, 0.000,"
                + "  true, '2024-02-29', '1999-12-31 23:59:59.999999', '2024-03-10 01:30:00.123456-05',"
                + "  '{\"b\": [1, 2.50], \"a\": null}', '{\"z\": {\"y\": \"x\"}, \"a\": 1}', '[1, \"two\", null]', '{\"k\": 1}'),"
                + " (2, '', '', '', 0, 0, 0, 1e-20, false, 'infinity', '-infinity', 'infinity', '{}', '{}', '[]', '{}'),"
                + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
                + " (-9223372036854775808, 'min', 'x', 'y', 1, -1, 99999999999999999999999999.9999, -0.5, true,"
                + "  '0099-01-01', '1850-06-15 12:00:00.5', '2261-12-31 23:59:59.999999+00', '{\"n\": null}', '{\"s\": \"t\"}', '[[]]', '{}')");
        DataObject object = new DataObject("everything", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("s", FieldType.STRING, false),
                new FieldSpec("t", FieldType.STRING, false),
                new FieldSpec("c", FieldType.STRING, false),
                new FieldSpec("i2", FieldType.INTEGER, false),
                new FieldSpec("i4", FieldType.INTEGER, false),
                new FieldSpec("n", FieldType.DECIMAL, false),
                new FieldSpec("n2", FieldType.DECIMAL, false),
                new FieldSpec("b", FieldType.BOOLEAN, false),
                new FieldSpec("d", FieldType.DATE, false),
                new FieldSpec("ts", FieldType.TIMESTAMP, false),
                new FieldSpec("tz", FieldType.TIMESTAMP, false),
                new FieldSpec("j", FieldType.OBJECT, false),
                new FieldSpec("jb", FieldType.OBJECT, false),
                new FieldSpec("a", FieldType.ARRAY, false),
                new FieldSpec("js", FieldType.OBJECT, false)),
                List.of("id"), Config.of(Map.of("table", table)));

        RecordingReadContext copied = read(object, true);
        RecordingReadContext fetched = read(object, false);
        assertEquals(copied.rejected.toString(), 4, copied.emitted.size());
        assertTrue("copied rows have fingerprints", copied.fingerprints.stream().allMatch(Objects::nonNull));
        assertTrue("fetched rows have none", fetched.fingerprints.stream().allMatch(Objects::isNull));
        assertEquals(fetched.rejected, copied.rejected);
        Map<Object, DataRecord> byCopy = byId(copied);
        Map<Object, DataRecord> byFetch = byId(fetched);
        assertEquals(byFetch.keySet(), byCopy.keySet());
        for (Object id : byFetch.keySet()) {
            for (FieldSpec f : object.fields()) {
                Object want = byFetch.get(id).get(f.name());
                Object got = byCopy.get(id).get(f.name());
                assertEquals("row " + id + ", " + f.name(), want, got);
                if (want instanceof BigDecimal decimal) {
                    assertEquals("row " + id + ", " + f.name() + ": the scale too", decimal.scale(), ((BigDecimal) got).scale());
                }
            }
        }
        assertEquals(new BigDecimal("-123456789012345678901234.5678"), byCopy.get(1L).get("n"));
        assertEquals("Zoë Ångström", byCopy.get(1L).get("s"));
        assertEquals("ab   ", byCopy.get(1L).get("c"));
        assertEquals(-32768L, byCopy.get(1L).get("i2"));
        assertEquals(List.of(1L, "two"), ((List<?>) byCopy.get(1L).get("a")).subList(0, 2));
        for (int i = 0; i < copied.emitted.size(); i++) {
            assertEquals(List.of(copied.emitted.get(i).get("id")), copied.keys.get(i));
        }
        assertEquals("the same rows, the same fingerprints", copied.fingerprints, read(object, true).fingerprints);
    }

    @Test
    public void aTableWithAColumnTheCopyDoesNotDecodeIsReadByResultSet() throws Exception {
        sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, u uuid, f float8)");
        sql("INSERT INTO " + table + " VALUES (1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 2.5), (2, NULL, NULL)");
        DataObject object = new DataObject("others", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("u", FieldType.STRING, false),
                new FieldSpec("f", FieldType.DECIMAL, false)),
                List.of("id"), Config.of(Map.of("table", table)));
        RecordingReadContext read = read(object, true);
        assertEquals(2, read.emitted.size());
        assertTrue(read.fingerprints.stream().allMatch(Objects::isNull));
        assertEquals("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", byId(read).get(1L).get("u"));
        assertEquals(0, new BigDecimal("2.5").compareTo((BigDecimal) byId(read).get(1L).get("f")));
    }

    @Test
    public void aCopyStoppedEarlyLeavesTheConnectionUsable() throws Exception {
        sql("CREATE TABLE " + table + " (id bigint PRIMARY KEY, name text)");
        sql("INSERT INTO " + table + " SELECT g, 'name ' || g FROM generate_series(1, 20000) g");
        DataObject object = new DataObject("many", List.of(
                new FieldSpec("id", FieldType.INTEGER, true),
                new FieldSpec("name", FieldType.STRING, false)),
                List.of("id"), Config.of(Map.of("table", table)));
        RecordingReadContext stopped = new RecordingReadContext(connection(), object, ReadMode.FULL, null).stopAfter(10);
        new JdbcConnector().cacheWriter("table").read(stopped);
        assertEquals(10, stopped.emitted.size());
        assertEquals(20_000, read(object, true).emitted.size());
    }

    private RecordingReadContext read(DataObject object, boolean copy) throws Exception {
        TableReader.copyAllowed = copy;
        try {
            RecordingReadContext context = new RecordingReadContext(connection(), object, ReadMode.FULL, null);
            new JdbcConnector().cacheWriter("table").read(context);
            return context;
        } finally {
            TableReader.copyAllowed = true;
        }
    }

    private static Config connection() {
        return Config.of(Map.of("url", URL, "user", "postgres"));
    }

    private static Map<Object, DataRecord> byId(RecordingReadContext context) {
        Map<Object, DataRecord> rows = new HashMap<>();
        context.emitted.forEach(r -> rows.put(r.get("id"), r));
        return rows;
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}

package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.Connector;
import dev.ferry.connector.api.data.DataObject;
import dev.ferry.connector.api.data.DataRecord;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;
import dev.ferry.connector.api.testkit.ConnectorContract;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * jdbc keeps the connector contract on the PostgreSQL server on this machine: a table with a change-time column
 * read incrementally by it, written with upserts and deletes.
 */
public class PostgresqlContractTest extends ConnectorContract {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String TABLE = "contract_contacts";
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    @Override
    protected Connector connector() {
        return new JdbcConnector();
    }

    @Override
    protected String module() {
        return JdbcConnector.MODULE;
    }

    @Override
    protected Config connection() {
        return Config.of(Map.of(DatabaseSession.URL, URL, DatabaseSession.USER, "postgres"));
    }

    @Override
    protected Config unreachable() {
        return Config.of(Map.of(DatabaseSession.URL, closedPortUrl(), DatabaseSession.USER, "postgres"));
    }

    @Override
    protected DataObject object() {
        return DataObject.builder("contacts")
                .field(new FieldSpec("id", FieldType.INTEGER, true))
                .field(new FieldSpec("name", FieldType.STRING, false))
                .field(new FieldSpec("updated_at", FieldType.TIMESTAMP, false))
                .primaryKey("id")
                .options(Config.of(Map.of(TableObject.TABLE, TABLE, TableObject.CURSOR_COLUMN, "updated_at")))
                .build();
    }

    @Override
    protected String discoveredName() {
        return TABLE;
    }

    @Override
    protected DataRecord record(int n) {
        return contact(n, "Contact " + n, T0.plusSeconds(60L * n));
    }

    private static DataRecord contact(long id, String name, Instant updatedAt) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("name", name);
        values.put("updated_at", updatedAt);
        return DataRecord.of(values);
    }

    @Override
    protected void seed(List<DataRecord> records) throws Exception {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            try (Statement s = c.createStatement()) {
                s.execute("drop table if exists " + TABLE);
                s.execute("create table " + TABLE + " (id bigint primary key, name varchar(100),"
                        + " updated_at timestamp with time zone)");
            }
            try (PreparedStatement insert = c.prepareStatement("insert into " + TABLE + " values (?, ?, ?)")) {
                for (DataRecord r : records) {
                    insert.setLong(1, (Long) r.get("id"));
                    insert.setString(2, (String) r.get("name"));
                    insert.setTimestamp(3, Timestamp.from((Instant) r.get("updated_at")));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @Override
    protected DataRecord change(int n) throws Exception {
        DataRecord changed = contact(n, "Changed " + n, T0.plusSeconds(86_400));
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             PreparedStatement update = c.prepareStatement("update " + TABLE + " set name = ?, updated_at = ? where id = ?")) {
            update.setString(1, (String) changed.get("name"));
            update.setTimestamp(2, Timestamp.from((Instant) changed.get("updated_at")));
            update.setLong(3, n);
            update.executeUpdate();
        }
        return changed;
    }

    /** A password sent to a port where no database listens (the server here trusts every local user). */
    @Override
    protected Config withSecret(String secret) {
        return Config.of(Map.of(DatabaseSession.URL, closedPortUrl(), DatabaseSession.USER, "postgres",
                DatabaseSession.PASSWORD, secret));
    }

    private static String closedPortUrl() {
        try {
            return "jdbc:postgresql://127.0.0.1:" + AbstractTableTest.freePort() + "/test?connectTimeout=5";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

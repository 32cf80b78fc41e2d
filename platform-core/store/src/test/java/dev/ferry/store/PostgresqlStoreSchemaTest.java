package dev.ferry.store;

import org.junit.After;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The store's migrations on PostgreSQL (database {@code test} on 127.0.0.1), each database a throw-away schema. */
public class PostgresqlStoreSchemaTest extends StoreSchemaContract {

    static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final List<String> schemas = new ArrayList<>();

    @Override
    protected DataSource newDatabase(String name) throws SQLException {
        String schema = "ferry_store_" + name + "_" + Long.toString(System.nanoTime(), 36);
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        schemas.add(schema);
        return dataSource(schema);
    }

    @After
    public void dropSchemas() throws SQLException {
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            for (String schema : schemas) {
                s.execute("drop schema " + schema + " cascade");
            }
        }
    }

    private static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(URL);
        ds.setUser("postgres");
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }

    @Override
    protected String hbm2ddlScript() {
        return "postgresql.sql";
    }

    @Override
    protected Map<String, String> sequences(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select sequence_name, increment, start_value, data_type, minimum_value, maximum_value, cycle_option "
                        + "from information_schema.sequences where sequence_schema = current_schema()")) {
            while (rs.next()) {
                out.put(rs.getString(1).toUpperCase(Locale.ROOT), "increment " + rs.getString(2) + " start " + rs.getString(3)
                        + " " + rs.getString(4) + " " + rs.getString(5) + ".." + rs.getString(6) + " cycle " + rs.getString(7));
            }
        }
        return out;
    }
}

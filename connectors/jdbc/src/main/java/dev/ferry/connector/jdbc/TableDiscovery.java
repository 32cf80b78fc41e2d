package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.Config;
import dev.ferry.connector.api.ConnectorException;
import dev.ferry.connector.api.DiscoveredObject;
import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.FieldType;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables and views of a connection's own schema (PostgreSQL's current schema, MariaDB's database, Derby's user
 * schema), each with its columns as field types and its primary key, as the database's metadata tells them.
 */
final class TableDiscovery {

    /** The most objects one discovery returns. */
    static final int MOST = 500;

    private TableDiscovery() {
    }

    static List<DiscoveredObject> discover(Config connection) throws ConnectorException {
        try (DatabaseSession session = DatabaseSession.open(connection)) {
            try {
                DatabaseMetaData meta = session.connection().getMetaData();
                String catalog = session.connection().getCatalog();
                String schema = session.connection().getSchema();
                List<DiscoveredObject> found = new ArrayList<>();
                try (ResultSet tables = meta.getTables(catalog, schema, "%", new String[]{"TABLE", "VIEW"})) {
                    while (tables.next() && found.size() < MOST) {
                        String table = tables.getString("TABLE_NAME");
                        String kind = tables.getString("TABLE_TYPE");
                        String remarks = tables.getString("REMARKS");
                        found.add(table(meta, catalog, schema, table, kind, remarks));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw session.failure("reading the database's tables", e);
            }
        }
    }

    private static DiscoveredObject table(DatabaseMetaData meta, String catalog, String schema, String table, String kind,
                                          String remarks) throws SQLException {
        DiscoveredObject.Builder object = DiscoveredObject.builder(JdbcConnector.MODULE, table)
                .option(TableObject.TABLE, table)
                .description("VIEW".equals(kind) ? "view" + (remarks == null || remarks.isBlank() ? "" : ": " + remarks)
                        : remarks == null ? "" : remarks);
        try (ResultSet columns = meta.getColumns(catalog, schema, table, "%")) {
            while (columns.next()) {
                boolean required = columns.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls;
                object.field(new FieldSpec(columns.getString("COLUMN_NAME"), fieldType(columns.getInt("DATA_TYPE")),
                        required));
            }
        }
        Map<Short, String> key = new TreeMap<>();
        try (ResultSet primaryKey = meta.getPrimaryKeys(catalog, schema, table)) {
            while (primaryKey.next()) {
                key.put(primaryKey.getShort("KEY_SEQ"), primaryKey.getString("COLUMN_NAME"));
            }
        }
        return object.primaryKey(List.copyOf(key.values())).build();
    }

    /** The field type a column's SQL type reads as; text for types without one of their own. */
    static FieldType fieldType(int sqlType) {
        return switch (sqlType) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> FieldType.INTEGER;
            case Types.DECIMAL, Types.NUMERIC, Types.DOUBLE, Types.FLOAT, Types.REAL -> FieldType.DECIMAL;
            case Types.BOOLEAN, Types.BIT -> FieldType.BOOLEAN;
            case Types.DATE -> FieldType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.TIMESTAMP;
            default -> FieldType.STRING;
        };
    }
}

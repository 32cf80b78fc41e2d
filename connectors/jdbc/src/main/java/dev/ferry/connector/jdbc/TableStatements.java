package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.DataRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The prepared statements of one transaction, each prepared once however many rows it runs for. */
final class TableStatements implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    TableStatements(Connection connection) {
        this.connection = connection;
    }

    int[] executeBatch(BoundSql sql, List<DataRecord> records) throws SQLException {
        PreparedStatement statement = prepare(sql);
        for (DataRecord record : records) {
            sql.bind(statement, record);
            statement.addBatch();
        }
        return statement.executeBatch();
    }

    /** Runs a statement of several value lists once for all its records. */
    int executeRows(BoundSql sql, List<DataRecord> records) throws SQLException {
        PreparedStatement statement = prepare(sql);
        sql.bindRows(statement, records);
        return statement.executeUpdate();
    }

    int executeUpdate(BoundSql sql, DataRecord record) throws SQLException {
        PreparedStatement statement = prepare(sql);
        sql.bind(statement, record);
        return statement.executeUpdate();
    }

    /** The one row a key selects, as raw values keyed by field name. */
    Optional<Map<String, Object>> selectRow(BoundSql sql, DataRecord key, List<FieldSpec> fields) throws SQLException {
        PreparedStatement statement = prepare(sql);
        sql.bind(statement, key);
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(JdbcValues.readRow(rows, fields)) : Optional.empty();
        }
    }

    private PreparedStatement prepare(BoundSql sql) throws SQLException {
        PreparedStatement statement = prepared.get(sql.sql());
        if (statement == null) {
            statement = connection.prepareStatement(sql.sql());
            prepared.put(sql.sql(), statement);
        }
        return statement;
    }

    @Override
    public void close() {
        for (PreparedStatement statement : prepared.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                // closing the connection releases it anyway
            }
        }
        prepared.clear();
    }
}

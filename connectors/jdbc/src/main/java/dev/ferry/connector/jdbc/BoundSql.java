package dev.ferry.connector.jdbc;

import dev.ferry.connector.api.data.FieldSpec;
import dev.ferry.connector.api.data.DataRecord;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * An SQL statement and the fields its parameters take, in order.
 *
 * @param sql         the statement, with {@code ?} parameters
 * @param parameters  the field bound to each parameter
 * @param dialect    the database's, for how values are bound ({@link JdbcValues#bind})
 */
record BoundSql(String sql, List<FieldSpec> parameters, SqlDialect dialect) {

    BoundSql {
        parameters = List.copyOf(parameters);
    }

    /** Binds one record per group of parameters, for a statement of several value lists. */
    void bindRows(PreparedStatement statement, List<DataRecord> records) throws SQLException {
        int perRow = parameters.size() / records.size();
        for (int r = 0; r < records.size(); r++) {
            DataRecord record = records.get(r);
            for (int i = 0; i < perRow; i++) {
                FieldSpec field = parameters.get(r * perRow + i);
                JdbcValues.bind(statement, r * perRow + i + 1, field.type(), record.get(field.name()), dialect);
            }
        }
    }

    void bind(PreparedStatement statement, DataRecord record) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            FieldSpec field = parameters.get(i);
            JdbcValues.bind(statement, i + 1, field.type(), record.get(field.name()), dialect);
        }
    }
}
